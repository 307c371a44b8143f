import { ReconcileSummary } from './reconciler';

/** The summary an operator reads: totals, each kind of case, each collection, and the cases that need a look. */
export function formatSummary(s: ReconcileSummary): string {
  const lines = [
    `${s.mode}: ${s.checked} cases checked, ${s.drifted} drifted, ${s.repaired} ${s.mode === 'rebuild' ? 'rebuilt' : 'repaired'}, ${s.failed} failed, ${s.unread} unread, ${s.pending} just started ` +
      `in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.casesPerSecond} cases/s)`,
    ...Object.entries(s.byKind).map(
      ([kind, k]) =>
        `  ${kind.padEnd(18)} ${k.checked} checked, ${k.drifted} drifted, ${k.repaired} ${s.mode === 'rebuild' ? 'rebuilt' : 'repaired'}, ${k.failed} failed`,
    ),
  ];
  const documents = Object.entries(s.documents);
  if (documents.length)
    lines.push(`  documents drifted: ${documents.map(([name, n]) => `${name} ${n}`).join(', ')}`);
  if (s.totalsRefreshed) lines.push(`  ledger day totals summed again: ${s.totalsRefreshed}`);
  for (const p of s.problems) lines.push(`  ! ${p.caseId}: ${p.reason}`);
  return lines.join('\n');
}
