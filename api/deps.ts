import { Client } from '@temporalio/client';
import { Connection } from 'mongoose';
import { Models } from '../activities/db/models';
import { OrgDirectory } from '../domain/org';
import { Policy } from '../domain/policy/policy';

/** What the API needs, built by api/main.ts (or a test) and passed in: no globals. */
export interface ApiDeps {
  temporal: Client;
  db: Connection;
  models: Models;
  policy: Policy;
  org: OrgDirectory;
  taskQueue: string;
}
