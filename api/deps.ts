import { Client } from '@temporalio/client';
import { Connection } from 'mongoose';
import { Logger } from '../common/log';
import { Models } from '../activities/db/models';
import { ActionLogOutbox } from '../audit/actionLog/outbox';
import { ActionLogModel } from '../audit/actionLog/store';
import { CaseAuditor } from '../audit/auditor';
import { OrgDirectory } from '../domain/org';
import { LiveOrgDirectory } from '../directory/live';
import { Identity } from '../identity/config';
import { Policy } from '../domain/policy/policy';
import { CategoryTree } from '../domain/categories/types';
import { RateLimits } from './rateLimits';
import { TextModel } from './duplicates/jieba';
import { DuplicateSettings } from '../domain/duplicates/candidates';

/** What the API needs, built by api/main.ts (or a test) and passed in: no globals. */
export interface ApiDeps {
  temporal: Client;
  db: Connection;
  models: Models;
  /** Every API write, hash-chained (audit/actionLog) */
  actionLog: ActionLogModel;
  /** Where each write's entry waits, on disk, until it is in the log */
  actionLogOutbox: ActionLogOutbox;
  /** Timelines, refolded states and replay verdicts from Temporal's histories or their archive */
  auditor: CaseAuditor;
  policy: Policy;
  /** The category tree new requests are filed under (live: the latest CATEGORIES_FILE that loaded) */
  categories: CategoryTree;
  /** The live directory's units (`directory.org`): jurisdictions, levels, names */
  org: OrgDirectory;
  /** The org directory in MongoDB, its people read per request; the administrator's writes refresh it */
  directory: LiveOrgDirectory;
  /** Token verification, and the built-in issuer when it is on */
  identity: Identity;
  taskQueue: string;
  /** FerretDB's PostgreSQL, when the store is FerretDB over PostgreSQL: counts that FerretDB would make by decoding every document are made there */
  postgresUrl?: string;
  /** Where each request's access line and errors go, as JSON */
  log: Logger;
  /** How long /metrics serves the same open and overdue case counts before counting again (30 s unless given) */
  caseCountsMaxAgeMs?: number;
  /** The Temporal web UI's origin, which alone may call the codec endpoint from a browser (TEMPORAL_UI_ORIGIN; the dev server's UI unless given) */
  temporalUiOrigin?: string;
  /** How long a request may wait for Temporal before it answers 503 (API_TEMPORAL_DEADLINE_MS; 120 s unless given) */
  temporalDeadlineMs?: number;
  /** Requests a minute per address and per user (RATE_LIMIT_PER_*; config/env.ts's defaults unless given) */
  rateLimits?: RateLimits;
  /** Origins whose pages may call the API across origins (CONSOLE_ORIGINS; none unless given) */
  consoleOrigins?: readonly string[];
  /** Reverse proxies in front of the API (API_TRUSTED_PROXIES; none unless given) */
  trustedProxies?: number;
  /** The segmenter and term rarities filings are weighed with (jiebaTextModel(): one per process) */
  text: TextModel;
  /** Which stored requests are duplicate candidates (DUPLICATE_*; the domain's defaults unless given) */
  duplicates?: DuplicateSettings;
}
