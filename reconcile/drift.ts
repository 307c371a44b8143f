import { canonicalJson } from '../audit/canonicalJson';

/** How a collection's stored documents for one case differ from what the case's truth projects. */
export interface DocDrift {
  /** Expected and absent. */
  missing: string[];
  /** Stored with other content at the same or an older revision. */
  altered: string[];
  /** Stored, not expected, and not newer than the truth: left behind by something else. */
  extra: string[];
}

export interface Doc {
  _id: string;
  revision?: number;
}

export interface DiffOptions {
  /** The truth's revision: a stored document above it was written after the truth was read, and is left alone. */
  revision?: number;
  /** Whether documents nobody expects count as drift (timeline entries, problems); else they are ignored (a ledger entry recorded since). */
  extraIsDrift?: boolean;
}

/**
 * Compares by `_id`. A versioned document stored at a newer revision than expected is not drift:
 * the case moved on while the reconciliation read it. Content is compared as JSON with sorted keys,
 * so dates compare by instant and key order does not matter.
 */
export function diffDocs<E extends Doc>(expected: E[], stored: Doc[], options: DiffOptions = {}): DocDrift {
  const byId = new Map(stored.map((doc) => [doc._id, doc]));
  const drift: DocDrift = { missing: [], altered: [], extra: [] };
  for (const doc of expected) {
    const found = byId.get(doc._id);
    byId.delete(doc._id);
    if (!found) drift.missing.push(doc._id);
    else if (!isNewer(found, doc.revision) && !sameContent(found, doc)) drift.altered.push(doc._id);
  }
  if (options.extraIsDrift)
    for (const doc of byId.values()) if (!isNewer(doc, options.revision)) drift.extra.push(doc._id);
  return drift;
}

export function drifted(drift: DocDrift): number {
  return drift.missing.length + drift.altered.length + drift.extra.length;
}

function isNewer(stored: Doc, revision: number | undefined): boolean {
  return revision !== undefined && stored.revision !== undefined && stored.revision > revision;
}

export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(asJson(a)) === canonicalJson(asJson(b));
}

/** What a document is once stored: dates as instants, undefined fields absent. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
