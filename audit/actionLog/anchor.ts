import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChainHead, ChainVerdict } from './chain';
import { ActionLogModel, verifyActionLog } from './store';

/**
 * A head of the action log recorded outside the database, next to the case archives. The chain
 * alone cannot show that its newest entries were cut off, or that it was rewritten from some entry
 * on with every later hash recomputed; against an anchor both show, because the anchored entry
 * must still be there with the same hash. Entries after the last anchor are as exposed as before.
 */
export interface Anchor {
  at: string;
  head: ChainHead;
}

export type AnchoredVerdict = (
  ChainVerdict | { ok: false; checked: number; brokenAt: { seq: number; kind: 'truncated' | 'rewritten' } }
) & { anchor?: Anchor };

export const anchorsPath = (dir: string) => join(dir, 'action-log-anchors.jsonl');

/** Verifies the chain and, when it is whole, appends its head to the anchors; a broken chain is never anchored. */
export async function anchorActionLog(
  model: ActionLogModel,
  dir: string,
  at = new Date(),
): Promise<ChainVerdict> {
  const verdict = await verifyActionLog(model);
  if (verdict.ok) {
    await mkdir(dir, { recursive: true });
    await appendFile(
      anchorsPath(dir),
      `${JSON.stringify({ at: at.toISOString(), head: verdict.head } satisfies Anchor)}\n`,
    );
  }
  return verdict;
}

export async function lastAnchor(dir: string): Promise<Anchor | undefined> {
  const text = await readFile(anchorsPath(dir), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const last = text.trimEnd().split('\n').at(-1);
  return last ? (JSON.parse(last) as Anchor) : undefined;
}

/** The chain's verdict, and whether the last anchored entry is still there unchanged. */
export async function verifyAgainstAnchor(model: ActionLogModel, dir: string): Promise<AnchoredVerdict> {
  const verdict = await verifyActionLog(model);
  const anchor = await lastAnchor(dir);
  if (!verdict.ok || !anchor || anchor.head.seq === 0) return { ...verdict, ...(anchor ? { anchor } : {}) };
  const anchored = await model.findOne({ seq: anchor.head.seq }, { _id: 0, hash: 1 }).lean();
  if (anchored?.hash === anchor.head.hash) return { ...verdict, anchor };
  return {
    ok: false,
    checked: verdict.checked,
    brokenAt: { seq: anchor.head.seq, kind: anchored ? 'rewritten' : 'truncated' },
    anchor,
  };
}
