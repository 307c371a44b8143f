import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArchive } from '../../audit/archive';
import { runAuditCli } from '../support/auditCli';
import { keyList, testKeys } from '../support/payloadKeys';
import { libraryRoot, readRecorded } from './library';

/** The auditor's CLI on archives alone: no Temporal server is needed to verify what was exported. */
const cli = (args: string[]) =>
  runAuditCli(args, {
    ARCHIVE_DIR: mkdtempSync(join(tmpdir(), 'lianxin-cli-archive-')),
    PAYLOAD_KEYS: keyList(testKeys()),
  });

describe('npm run audit -- verify, on archived cases', () => {
  test('When one archived case no longer matches the workflow code and one is damaged, then each is named, the others pass, and the exit code is 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-cli-'));
    const good = readRecorded(join(libraryRoot, 'requests', 'v3-closed-satisfied.json'));
    writeFileSync(join(dir, 'good.json'), JSON.stringify(toArchive(good)));

    // A history in which the workflow once scheduled an activity the code never schedules there.
    const drifted = readRecorded(join(libraryRoot, 'requests', 'v3-returned-then-withdrawn.json'));
    const scheduled = drifted.runs[0].history.events!.find(
      (e) => e.activityTaskScheduledEventAttributes,
    )!.activityTaskScheduledEventAttributes!;
    scheduled.activityType!.name = 'sendFax';
    writeFileSync(
      join(dir, 'drifted.json'),
      JSON.stringify(toArchive({ ...drifted, caseId: 'request-drifted' })),
    );

    writeFileSync(
      join(dir, 'damaged.json'),
      JSON.stringify({ ...toArchive(good), caseId: 'request-renamed' }),
    );

    const { code, stdout } = await cli(['verify', '--archive', dir]);
    expect(stdout).toContain(`ok    ${good.caseId}  citizenRequest  1 run`);
    expect(stdout).toMatch(
      /FAIL {2}request-drifted {2}citizenRequest {2}1 run, \d+ events {2}run 1: nondeterministic: /,
    );
    expect(stdout).toContain('FAIL  ');
    expect(stdout).toContain('checksum mismatch for request-renamed');
    expect(stdout).toMatch(/verified 3 cases \(\d+ events\) in [\d.]+ s: 1 deterministic, 2 not/);
    expect(code).toBe(1);
  });
});
