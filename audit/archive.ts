import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { open, seal, SealError } from '../common/cipher';
import type { PayloadKeys } from '../config/payloadKeys';
import { canonicalJson } from './canonicalJson';
import { CaseHistory } from './history';

export const archiveFormat = 'lianxin.case-history/1';

/** A case's full history as a file: every run in Temporal's JSON history format, sealed by a SHA-256 of the rest. */
const archiveSchema = z.object({
  format: z.literal(archiveFormat),
  caseId: z.string().min(1),
  workflowType: z.string().min(1),
  exportedAt: z.iso.datetime(),
  runs: z
    .array(
      z.object({ runId: z.string().min(1), history: z.looseObject({ events: z.array(z.unknown()).min(1) }) }),
    )
    .min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type CaseArchive = z.infer<typeof archiveSchema>;

/** An archive that does not parse or whose checksum does not match: it must not be audited as if it were the record. */
export class ArchiveError extends Error {}

function checksum(archive: Omit<CaseArchive, 'sha256'>): string {
  return createHash('sha256').update(canonicalJson(archive)).digest('hex');
}

export function toArchive(history: CaseHistory, exportedAt = new Date()): CaseArchive {
  const body = {
    format: archiveFormat,
    caseId: history.caseId,
    workflowType: history.workflowType,
    exportedAt: exportedAt.toISOString(),
    runs: history.runs.map((run) => ({ runId: run.runId, history: JSON.parse(historyToJSON(run.history)) })),
  } as const;
  return { ...body, sha256: checksum(body) };
}

/**
 * A history in Temporal's JSON format, as the client would fetch it. Since SDK 1.24 (protobufjs 8)
 * `historyFromJSON` leaves the seconds of timestamps and durations plain numbers, while the types,
 * `tsToMs` and fetched histories have a Long there: one pass through the binary form makes them alike.
 */
export function historyFromJson(json: unknown): temporal.api.history.v1.IHistory {
  const { History } = temporal.api.history.v1;
  return History.decode(History.encode(historyFromJSON(json)).finish());
}

/** Checks an archive's shape and seal, and turns it back into the histories the replayer reads. */
export function fromArchive(raw: unknown, source = 'archive'): CaseHistory {
  const parsed = archiveSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArchiveError(
      `${source}: not a case archive (${issue.path.join('.') || 'root'}: ${issue.message})`,
    );
  }
  const { sha256, ...body } = parsed.data;
  const actual = checksum(body);
  if (actual !== sha256)
    throw new ArchiveError(
      `${source}: checksum mismatch for ${body.caseId}: sealed ${sha256}, content ${actual}`,
    );
  return {
    caseId: body.caseId,
    workflowType: body.workflowType,
    runs: body.runs.map((run) => ({ runId: run.runId, history: historyFromJson(run.history) })),
  };
}

/** Archived cases are gzipped: a history's JSON shrinks about tenfold, and archives are kept for years. */
export function archivePath(dir: string, caseId: string): string {
  return join(dir, `${encodeURIComponent(caseId)}.json.gz`);
}

/**
 * An archive holds residents' data, so what is filed is encrypted with the payload keys: one header
 * line naming the envelope and the key (`lianxin-sealed/1 <keyId>`), then the gzipped archive
 * sealed by common/cipher.ts. Files written before (plain, or gzipped) still read.
 */
const envelope = 'lianxin-sealed/1';

/**
 * Written to a temporary name first, so a crash never leaves a half-written archive under the final
 * name; gzipped when the name ends in .gz; encrypted when given keys (an export taken elsewhere is
 * not: it is for another machine, which holds no keys of this one).
 */
export async function writeArchiveFile(
  path: string,
  archive: CaseArchive,
  keys?: PayloadKeys,
): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const json = JSON.stringify(archive);
  const content = keys
    ? sealed(keys, await gzipped(json))
    : path.endsWith('.gz')
      ? await gzipped(json)
      : json;
  await writeFile(`${path}.partial`, content);
  await rename(`${path}.partial`, path);
  return path;
}

/** Files a case in an archive directory under its own name, encrypted. */
export function writeArchive(dir: string, archive: CaseArchive, keys: PayloadKeys): Promise<string> {
  return writeArchiveFile(archivePath(dir, archive.caseId), archive, keys);
}

/** Reads an archive file, encrypted, plain or gzipped, checking its seal: the archive as sealed, and the histories in it. */
export async function readArchive(
  path: string,
  keys?: PayloadKeys,
): Promise<{ archive: CaseArchive; history: CaseHistory }> {
  let raw: unknown;
  try {
    const file = await readFile(path);
    const bytes = isSealed(file) ? unsealed(keys, file) : file;
    raw = JSON.parse((isGzip(bytes) ? await gunzipped(bytes) : bytes).toString('utf8'));
  } catch (err) {
    throw new ArchiveError(`${path}: ${(err as Error).message}`);
  }
  return { archive: raw as CaseArchive, history: fromArchive(raw, path) };
}

export const isArchiveFile = (name: string) => name.endsWith('.json') || name.endsWith('.json.gz');

function sealed(keys: PayloadKeys, content: Buffer): Buffer {
  const { keyId, bytes } = seal(keys, content);
  return Buffer.concat([Buffer.from(`${envelope} ${keyId}\n`, 'utf8'), bytes]);
}

const isSealed = (bytes: Buffer) =>
  bytes.subarray(0, envelope.length + 1).toString('latin1') === `${envelope} `;

function unsealed(keys: PayloadKeys | undefined, bytes: Buffer): Buffer {
  const end = bytes.indexOf(0x0a);
  const keyId = bytes.subarray(envelope.length + 1, end).toString('utf8');
  if (!keys) throw new SealError(`encrypted with key ${keyId}, and no payload keys were given`);
  return open(keys, { keyId, bytes: bytes.subarray(end + 1) });
}

const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);
