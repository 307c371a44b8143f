import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonicalJson';

/**
 * The action log's entries and their hash chain. Each entry's hash covers its content and the
 * previous entry's hash, so editing or removing an entry breaks the chain from there on.
 *
 * What the chain cannot show on its own: removing the newest entries leaves a shorter chain that
 * is still whole, and someone with write access to the database who rewrites an entry and
 * recomputes every hash after it leaves a whole chain too. Both are caught only against a head
 * (seq and hash) recorded outside the database, which is why every verification answers the head.
 */

/**
 * The verified caller; for a write refused because nobody was verified, `anonymous` and the reason
 * (never the token). Entries written before tokens hold the x-actor-* headers as sent.
 */
export type ActionActor =
  | { id: string; role: string; unit: string }
  | { id: 'anonymous'; reason: string }
  | { headers: Record<string, string> };

/** What the API records of one write. */
export interface ActionBody {
  /** ISO-8601 time the response finished */
  at: string;
  actor: ActionActor;
  /** method and route pattern, e.g. `POST /api/v1/requests/:id/dispatch` (the concrete path unless a route matched) */
  action: string;
  path: string;
  /** the case the write was about, e.g. `request-<id>`, when the path names one */
  target?: string;
  requestId: string;
  outcome: { status: number; problem?: string };
}

export interface ActionEntry extends ActionBody {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainHead = { seq: number; hash: string };
export type BreakKind = 'altered' | 'missing' | 'relinked';
export type ChainVerdict =
  | { ok: true; checked: number; head: ChainHead }
  | { ok: false; checked: number; brokenAt: { seq: number; kind: BreakKind } };

/** The prevHash of the first entry. */
export const genesisHash = '0'.repeat(64);
/** The head of a log with no entries yet: the first entry links to it. */
export const emptyLog: ChainHead = { seq: 0, hash: genesisHash };

/**
 * sha256 (hex) of the entry's content (everything but its own hash) and the previous hash, keys
 * sorted so field order never matters. The hashed form is stored format: a change to it (or to
 * canonicalJson) breaks every chain already written.
 */
export function hashEntry(prevHash: string, body: object): string {
  return createHash('sha256')
    .update(canonicalJson({ ...body, prevHash }))
    .digest('hex');
}

/** The entry that follows `prev`. */
export function linkEntry(prev: ChainHead, body: ActionBody): ActionEntry {
  const { seq, hash: prevHash } = prev;
  const content = { ...body, seq: seq + 1 };
  return { ...content, prevHash, hash: hashEntry(prevHash, content) };
}

/** A verification in progress, so entries can be checked page by page. */
export interface ChainCheck {
  checked: number;
  head: ChainHead;
  brokenAt?: { seq: number; kind: BreakKind };
}

export const startCheck = (): ChainCheck => ({ checked: 0, head: emptyLog });

/**
 * Checks the next entry (in seq order) against the last one checked. Every field but `hash`
 * counts, including fields someone added to the stored document.
 */
export function checkNext(check: ChainCheck, entry: ActionEntry): ChainCheck {
  if (check.brokenAt) return check;
  const { hash, prevHash, ...content } = entry;
  const expected = check.head.seq + 1;
  const broken = (seq: number, kind: BreakKind): ChainCheck => ({ ...check, brokenAt: { seq, kind } });
  if (hashEntry(prevHash, content) !== hash) return broken(entry.seq, 'altered');
  if (entry.seq > expected) return broken(expected, 'missing');
  if (entry.seq < expected) return broken(expected, 'relinked');
  if (prevHash !== check.head.hash) return broken(entry.seq, 'relinked');
  return { checked: check.checked + 1, head: { seq: entry.seq, hash } };
}

export function verdict(check: ChainCheck): ChainVerdict {
  return check.brokenAt
    ? { ok: false, checked: check.checked, brokenAt: check.brokenAt }
    : { ok: true, checked: check.checked, head: check.head };
}

/** Verifies a whole chain given in seq order. */
export function verifyChain(entries: Iterable<ActionEntry>): ChainVerdict {
  let check = startCheck();
  for (const entry of entries) {
    check = checkNext(check, entry);
    if (check.brokenAt) break;
  }
  return verdict(check);
}
