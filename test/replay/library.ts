import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromArchive, historyFromJson } from '../../audit/archive';
import { CaseHistory, startedAttributes } from '../../audit/history';

/** The library of recorded cases that every CI run replays on the current workflow code. */
export const libraryRoot = join(__dirname, 'histories');

export function historyFiles(dir = libraryRoot): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? historyFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

/** v3 on: sealed case archives with every run; v1 and v2: one run's history in Temporal's JSON format. */
export function readRecorded(file: string): CaseHistory {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  if (raw.format) return fromArchive(raw, file);
  const history = historyFromJson(raw);
  return {
    caseId: relative(libraryRoot, file),
    workflowType: startedAttributes(history).workflowType!.name!,
    runs: [{ runId: 'recorded', history }],
  };
}
