import path from 'node:path';
import fs from 'node:fs';
import { installQuietRuntime } from '../audit/quietRuntime';
import { parseFlags } from './flags';
import { codeVersion, machine, versions } from './machine';
import { loadResults, renderMarkdown, RunRecord, saveResults, withRun } from './report';
import { BenchContext } from './section';
import { sections } from './sections';
import { Stack, startStack } from './stack';

/**
 * `npm run bench`: runs the sections (each on a fresh stack), prints every figure as it is
 * measured, and after each one rewrites bench/results.json (adding this run to its history) and
 * BENCHMARKS.md, so an interrupted run keeps what it measured.
 */
const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results.json');
const MARKDOWN = path.join(ROOT, 'BENCHMARKS.md');

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const unknown = flags.only
    .concat(Object.keys(flags.sectionScales))
    .filter((name) => !sections.some((s) => s.name === name));
  if (unknown.length)
    throw new Error(
      `unknown section ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}`,
    );
  const write = (results = loadResults(RESULTS)) =>
    fs.writeFileSync(MARKDOWN, renderMarkdown(results, sections));
  if (flags.render) {
    write();
    return 0;
  }

  installQuietRuntime(); // the timers section replays histories here
  // Temporal's runtime takes SIGINT and SIGTERM to stop workers, and this process has none: exit, and the
  // exit hook of scripts/servers.ts stops every server and worker it started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  const chosen = sections.filter((s) => !flags.only.length || flags.only.includes(s.name));
  const run: RunRecord = {
    id: new Date().toISOString(),
    label: flags.label,
    command: [
      'npm run bench',
      ...(process.argv.length > 2
        ? ['--', ...process.argv.slice(2).map((a) => (/\s/.test(a) ? JSON.stringify(a) : a))]
        : []),
    ].join(' '),
    ...codeVersion(ROOT),
    machine: machine(),
    versions: {},
    scales: {},
    figures: {},
  };
  const save = () => {
    const results = withRun(loadResults(RESULTS), run);
    saveResults(RESULTS, results);
    write(results);
  };

  let failed = 0;
  for (const section of chosen) {
    const scale = flags.sectionScales[section.name] ?? flags.scale;
    const log = (line: string) => console.log(`[${section.name}] ${line}`);
    const stacks: Stack[] = [];
    const ctx: BenchContext = {
      scale,
      budgetMinutes: flags.budgetMinutes,
      log,
      async stack(options = {}) {
        const stack = await startStack(options, log);
        stacks.push(stack);
        if (!Object.keys(run.versions).length) run.versions = await versions(stack);
        return stack;
      },
      async record(figure) {
        const { key, ...measurement } = figure;
        console.log(
          `${key} = ${measurement.value} ${measurement.unit} @ ${measurement.storedRequests} stored${measurement.note ? ` (${measurement.note})` : ''}`,
        );
        (run.figures[key] ??= []).push(measurement);
        run.scales[section.name] = scale;
        save();
      },
    };
    const started = Date.now();
    log(`scale ${scale}`);
    try {
      await section.run(ctx);
    } catch (err) {
      failed += 1;
      console.error(`[${section.name}] failed:`, err);
    } finally {
      for (const stack of stacks)
        await stack.stop().catch((err) => console.error(`[${section.name}] stopping the stack:`, err));
    }
    log(`took ${((Date.now() - started) / 60_000).toFixed(1)} min`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
