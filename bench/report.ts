import fs from 'node:fs';
import { Figure } from './section';
import { Machine } from './machine';

export type Measurement = Omit<Figure, 'key'>;

/** One `npm run bench` invocation: what ran, on what, and what it measured. */
export interface RunRecord {
  id: string;
  label: string;
  command: string;
  commit: string;
  /** Code outside bench/ differed from the commit. */
  dirty: boolean;
  machine: Machine;
  versions: Record<string, string>;
  /** The scale each section ran at (1 = the sizes). */
  scales: Record<string, number>;
  figures: Record<string, Measurement[]>;
}

export interface Results {
  /** The newest measurement(s) of every figure, whichever run made them. */
  figures: Record<string, (Measurement & { run: string })[]>;
  /** Every recorded run, oldest first: later runs add, never erase. */
  history: RunRecord[];
}

/** The targets, shown beside the figures; never asserted. */
const targets: Record<string, { max?: number; min?: number; atStored?: number }> = {
  'intake.apiToRawRatio.c8': { min: 0.8 },
  'intake.apiToRawRatio.c32': { min: 0.8 },
  'lifecycle.eventsPerLifecycle': { max: 50 },
  'lifecycle.activitiesPerLifecycle': { max: 6 },
  'reads.listP99Ms': { max: 100, atStored: 100_000 },
  'reads.kpiP99Ms': { max: 100, atStored: 100_000 },
  'projection.writeP99Ms': { max: 20, atStored: 100_000 },
  'timers.latenessP99Ms': { max: 1000, atStored: 10_000 },
  'cityDay.fullDayMinutes': { max: 120 },
};

export function loadResults(file: string): Results {
  if (!fs.existsSync(file)) return { figures: {}, history: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
}

/** Adds or replaces `run` in the history and recomputes the newest figures. */
export function withRun(results: Results, run: RunRecord): Results {
  const history = [...results.history.filter((r) => r.id !== run.id), run].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const figures: Results['figures'] = {};
  for (const r of history)
    for (const [key, list] of Object.entries(r.figures))
      figures[key] = list.map((m) => ({ ...m, run: r.id }));
  return {
    figures: Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b))),
    history,
  };
}

export function saveResults(file: string, results: Results): void {
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

// A figure that could not be measured is stored as null (JSON has no NaN).
const number = (v: number | null) =>
  v === null || !Number.isFinite(v)
    ? '—'
    : Number.isInteger(v)
      ? v.toLocaleString('en-US')
      : Math.abs(v) >= 100
        ? Math.round(v).toLocaleString('en-US')
        : v.toPrecision(3);
const stored = (m: Measurement) => m.storedRequests.toLocaleString('en-US');
const runTitle = (r: RunRecord) => `${r.id.slice(0, 16).replace('T', ' ')} ${r.label}`;

function targetText(key: string): string {
  const t = targets[key];
  if (!t) return '';
  const bound = t.max !== undefined ? `≤ ${number(t.max)}` : `≥ ${number(t.min!)}`;
  return t.atStored ? `${bound} at ${number(t.atStored)}` : bound;
}

function verdict(key: string, m: Measurement): string {
  const t = targets[key];
  if (!t || (t.atStored && m.storedRequests < t.atStored * 0.9)) return '';
  const met = t.max !== undefined ? m.value <= t.max : m.value >= t.min!;
  return met ? ' ✓' : ' ✗';
}

/** BENCHMARKS.md: the machine, the commands, the newest figures against the targets, and every run before and after. */
export function renderMarkdown(results: Results, sections: { name: string; describe: string }[]): string {
  const latest = results.history[results.history.length - 1];
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`bench/run.ts`) together with `bench/results.json`; edit neither by hand.',
    'Every figure names the number of citizen requests stored (filed, in Temporal) when it was measured.',
    'Figures are recorded, never asserted: targets come from issue 8.',
    '',
    '## Commands',
    '',
    '```sh',
    "npm run bench                                           # every section at the issue's sizes, on embedded servers",
    'npm run bench -- --only intake,lifecycle --scale 0.1   # some sections, smaller',
    'npm run bench -- --scale 1 --scale worker=0.2 --label "worker cache 500"   # per-section scale; the label names the change',
    'TEMPORAL_ADDRESS=host:7233 MONGODB_URI=mongodb://host/x npm run bench   # against your servers (a scratch database per section)',
    'npm run bench -- --render                               # rewrite this file from bench/results.json',
    "npm run bench:audit                                     # what the auditor's tools cost (prints only)",
    '```',
    '',
    '## Sections',
    '',
    ...sections.map((s) => `- **${s.name}**: ${s.describe}`),
    '',
  ];
  if (latest) {
    lines.push(
      '## The machine (newest run)',
      '',
      `${latest.machine.cores} cores (${latest.machine.cpu}), ${latest.machine.memoryGiB} GiB RAM, ${latest.machine.os}.`,
      '',
    );
    lines.push(
      '| software | version |',
      '| --- | --- |',
      ...Object.entries(latest.versions).map(([k, v]) => `| ${k} | ${v} |`),
      '',
    );
  }
  lines.push(
    '## Newest figures',
    '',
    '| figure | value | unit | stored requests | target | run | note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const [key, list] of Object.entries(results.figures)) {
    for (const m of list) {
      const run = results.history.find((r) => r.id === m.run);
      lines.push(
        `| ${key} | ${number(m.value)}${verdict(key, m)} | ${m.unit} | ${stored(m)} | ${targetText(key)} | ${run ? runTitle(run) : m.run} | ${m.note ?? ''} |`,
      );
    }
  }
  lines.push(
    '',
    '## Before and after',
    '',
    'Each column is one recorded run, oldest first; a cell is the value @ stored requests.',
    '',
  );
  const runs = results.history;
  const keys = Object.keys(results.figures);
  lines.push(
    `| figure | ${runs.map(runTitle).join(' | ')} |`,
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
  );
  for (const key of keys) {
    const cells = runs.map((r) =>
      (r.figures[key] ?? []).map((m) => `${number(m.value)} @${stored(m)}`).join('<br>'),
    );
    lines.push(`| ${key} | ${cells.join(' | ')} |`);
  }
  lines.push('', '## Runs', '');
  for (const r of [...runs].reverse()) {
    const scales = Object.entries(r.scales)
      .map(([s, v]) => `${s} ${v}`)
      .join(', ');
    const v = Object.entries(r.versions)
      .map(([k, x]) => `${k} ${x}`)
      .join(', ');
    const load = r.machine.loadAverage !== undefined ? `, load ${r.machine.loadAverage} at start` : '';
    lines.push(
      `- **${runTitle(r)}**: commit ${r.commit}${r.dirty ? ' (with uncommitted changes)' : ''}; \`${r.command}\`; scale: ${scales}; ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB${load}; ${v}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
