import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadEnvOrExit } from '../config/env';
import { loadPayloadKeysOrExit } from '../config/payloadKeys';
import { dataConverter } from '../common/payloadCodec';
import { bundleWorkflows } from '../worker/bundle';
import { ArchiveError, isArchiveFile, readArchive, writeArchive, writeArchiveFile } from './archive';
import { Moment } from './asOf';
import { archiveClosedCases } from './archiveSweep';
import { CaseAuditor } from './auditor';
import { listClosedCases } from './history';
import { formatTimelineLine, formatVerdict } from './print';
import { installQuietRuntime } from './quietRuntime';
import { CaseNotFoundError, LoadedCase } from './source';

const usage = `usage: npm run audit -- <command>
  timeline <caseId> [--json]                       the case's story from its history (Temporal, else the archive)
  state <caseId> --at <ISO time> | --revision <n> | --run <n> --event <id>
                                                   the state at that moment, refolded by replay
  verify [<caseId>...] [--closed-from <ISO>] [--closed-before <ISO>] [--archive <file or dir>]...
                                                   replay histories against the current code (no arguments: every
                                                   closed case); exit 1 if any is not deterministic
  export <caseId> [--out <file>]                   the full history, sealed with SHA-256 (stdout without --out)
  import <file>                                    check an exported file's seal, replay it, file it in ARCHIVE_DIR
  archive [--closed-from <ISO>] [--closed-before <ISO>]
                                                   file every closed case in ARCHIVE_DIR before retention removes it`;

const options = {
  json: { type: 'boolean' },
  at: { type: 'string' },
  revision: { type: 'string' },
  run: { type: 'string' },
  event: { type: 'string' },
  out: { type: 'string' },
  archive: { type: 'string', multiple: true },
  'closed-from': { type: 'string' },
  'closed-before': { type: 'string' },
} as const;

class UsageError extends Error {}

function date(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new UsageError(`--${flag}: not a date: ${value}`);
  return parsed;
}

function count(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag}: not a whole number: ${value}`);
  return Number(value);
}

function momentOf(values: { at?: string; revision?: string; run?: string; event?: string }): Moment {
  if (values.at !== undefined) return { at: date(values.at, 'at')!.getTime() };
  if (values.revision !== undefined) return { revision: count(values.revision, 'revision') };
  if (values.run !== undefined && values.event !== undefined)
    return { run: count(values.run, 'run'), eventId: count(values.event, 'event') };
  throw new UsageError('state needs --at, --revision, or --run with --event');
}

async function archiveFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (!(await stat(path)).isDirectory()) files.push(path);
    else files.push(...(await readdir(path)).filter(isArchiveFile).map((name) => join(path, name)));
  }
  return files;
}

function parsedArgs() {
  try {
    return parseArgs({ options, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parsedArgs();
  const [command, ...ids] = positionals;
  const env = loadEnvOrExit();
  installQuietRuntime();
  const keys = loadPayloadKeysOrExit(env);
  const temporal = new Client({
    connection: Connection.lazy({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverter(keys),
  });
  const auditor = new CaseAuditor({ temporal, archiveDir: env.ARCHIVE_DIR, keys }, () => bundleWorkflows());
  const closedRange = {
    closedFrom: date(values['closed-from'], 'closed-from'),
    closedBefore: date(values['closed-before'], 'closed-before'),
  };
  const one = () => {
    if (ids.length !== 1) throw new UsageError(`${command} takes one case id`);
    return ids[0];
  };

  switch (command) {
    case 'timeline': {
      const timeline = await auditor.timeline(one());
      if (values.json) console.log(JSON.stringify(timeline, null, 2));
      else {
        console.log(
          `${timeline.caseId} (${timeline.workflowType}) from ${timeline.source}: ${timeline.runs} runs, ${timeline.events} events`,
        );
        timeline.lines.forEach((line) => console.log(formatTimelineLine(line)));
      }
      return 0;
    }
    case 'state': {
      const caseId = one();
      const held = await auditor.stateAsOf(caseId, momentOf(values));
      if (!held) throw new Error(`${caseId} had no state yet at that moment`);
      console.log(JSON.stringify(held, null, 2));
      return 0;
    }
    case 'verify': {
      const started = Date.now();
      const loads: (() => Promise<LoadedCase>)[] = [
        ...ids.map((id) => () => auditor.load(id)),
        ...(await archiveFiles(values.archive ?? [])).map((file) => async () => ({
          history: (await readArchive(file, keys)).history,
          source: 'archive' as const,
        })),
      ];
      if (closedRange.closedFrom || closedRange.closedBefore || loads.length === 0) {
        for await (const id of listClosedCases(temporal, closedRange)) loads.push(() => auditor.load(id));
      }
      let failed = 0;
      let events = 0;
      // A case that cannot be read is a finding like any other: say so and go on with the rest.
      async function* histories() {
        for (const load of loads) {
          try {
            yield (await load()).history;
          } catch (err) {
            if (!(err instanceof CaseNotFoundError || err instanceof ArchiveError)) throw err;
            failed += 1;
            console.log(`FAIL  ${err.message}`);
          }
        }
      }
      for await (const report of auditor.verify(histories())) {
        events += report.events;
        if (!report.deterministic) failed += 1;
        console.log(formatVerdict(report));
      }
      console.log(
        `verified ${loads.length} cases (${events} events) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${loads.length - failed} deterministic, ${failed} not`,
      );
      return failed ? 1 : 0;
    }
    case 'export': {
      const archive = await auditor.export(one());
      if (!values.out) console.log(JSON.stringify(archive));
      else {
        await writeArchiveFile(values.out, archive);
        console.error(`${archive.caseId}: ${archive.runs.length} runs, sha256 ${archive.sha256}`);
      }
      return 0;
    }
    case 'import': {
      const { archive, history } = await readArchive(one(), keys);
      const report = await auditor.replayLoaded({ history, source: 'archive' });
      console.log(formatVerdict(report));
      console.log(`seal checked; filed as ${await writeArchive(env.ARCHIVE_DIR, archive, keys)}`);
      return report.deterministic ? 0 : 1;
    }
    case 'archive': {
      let archived = 0;
      for await (const { caseId, path, written } of archiveClosedCases(auditor.sources, closedRange)) {
        if (written) archived += 1;
        console.log(`${written ? 'archived' : 'already archived'} ${caseId} → ${path}`);
      }
      console.log(`archived ${archived} closed cases into ${env.ARCHIVE_DIR}`);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      err instanceof UsageError ? `${err.message}\n${usage}` : err instanceof Error ? err.message : err,
    );
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
