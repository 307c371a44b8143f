import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestStateQuery, requestWorkflowId } from '../../common/requests';
import { CitizenRequestState } from '../../domain/requests/state';
import { archivePath, readArchive } from '../../audit/archive';
import { isArchived } from '../../audit/source';
import { caseTimeline } from '../../audit/timeline';
import { archiveScheduleId } from '../../common/auditJobs';
import { ensureAuditSchedules } from '../../worker/auditSchedules';
import { runAuditCli } from '../support/auditCli';
import { keyList } from '../support/payloadKeys';
import { eventually } from '../support/eventually';
import { authHeaders, useE2eSystem } from '../support/e2eSystem';
import { actors, repoRoot } from '../support/fixtures';

// The default policy: deadlines in days, so nothing moves a case during the test but the actions it performs.
const e2e = useE2eSystem(join(repoRoot, 'config', 'policy.default.json'));
const { http } = e2e;

type Who = { id: string; role: string; unit: string };
const audit = (path: string, actor: Who = actors.auditor) => http.get(`/audit/cases/${path}`, actor);

const newRequest = {
  channel: 'hotline',
  category: 'general',
  title: '路面塌陷 road subsidence',
  description: 'A hole opened on Xinhua Road.',
  requester: { id: 'resident-1', name: '张三' },
  gridId: 'g01',
};

/** The auditor's CLI against the same Temporal server, with a given archive directory. */
const cli = (args: string[], archiveDir: string) =>
  runAuditCli(args, {
    TEMPORAL_ADDRESS: e2e.system.temporalAddress,
    TEMPORAL_NAMESPACE: e2e.system.namespace,
    ARCHIVE_DIR: archiveDir,
    PAYLOAD_KEYS: keyList(e2e.system.keys),
  });

describe('auditors replay a case over HTTP and the CLI, on the real dev server and FerretDB', () => {
  const moments: { at: number; live: CitizenRequestState }[] = [];
  let caseId = '';
  const beforeFiling = Date.now();

  beforeAll(async () => {
    const filed = await http.post('/requests', newRequest, actors.resident);
    expect(filed.status).toBe(201);
    caseId = requestWorkflowId(filed.body.id);
    const live = () => e2e.system.temporal.workflow.getHandle(caseId).query(requestStateQuery);
    moments.push({ at: Date.now(), live: await live() });
    for (const [action, body, actor] of [
      ['dispatch', { assignee: 'member-1', note: 'nearest member' }, actors.secretary],
      ['accept', {}, actors.member],
      ['progress', { note: 'road closed off' }, actors.member],
      ['resolve', { note: 'hole filled' }, actors.member],
    ] as const) {
      expect((await http.post(`/requests/${filed.body.id}/${action}`, body, actor)).status).toBe(200);
      moments.push({ at: Date.now(), live: await live() });
    }
  });

  test('When an auditor reads the timeline, then it matches the actions performed: actor, time, note and whom each step notified', async () => {
    const res = await audit(`${caseId}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId, workflowType: 'citizenRequest', source: 'temporal', runs: 1 });
    const [opened, code, ...lines] = res.body.lines;
    expect(opened).toMatchObject({ action: 'opened', run: 1 });
    expect(code).toMatchObject({
      action: 'code',
      note: expect.stringMatching(/^decided by workflow code @temporalio\/worker@[\d.]+\+[0-9a-f]{64}$/),
    });
    expect(
      lines.map((l: { revision: number; action: string; actor: Who; note?: string }) => [
        l.revision,
        l.action,
        l.actor.id,
        l.note,
      ]),
    ).toEqual([
      [1, 'submit', 'resident-1', newRequest.title],
      [2, 'dispatch', 'sec-1', 'nearest member'],
      [3, 'accept', 'member-1', undefined],
      [4, 'progress', 'member-1', 'road closed off'],
      [5, 'resolve', 'member-1', 'hole filled'],
    ]);
    expect(lines.map((l: { at: string }) => l.at)).toEqual(moments.at(-1)!.live.timeline.map((e) => e.at));
    expect(lines[1].notices).toEqual(
      expect.arrayContaining([expect.objectContaining({ recipient: 'member-1', kind: 'assigned' })]),
    );
    expect(lines[4].rule).toEqual(expect.stringContaining('returnVisit'));
  });

  test('When an auditor asks for the state at each moment an action was answered, then it is what the live query said then', async () => {
    for (const { at, live } of moments) {
      const byTime = await audit(`${caseId}/state?at=${new Date(at).toISOString()}`);
      expect(byTime.status).toBe(200);
      expect(byTime.body.state).toEqual(live);
      const byRevision = await audit(`${caseId}/state?revision=${live.revision}`);
      expect(byRevision.body).toMatchObject({ revision: live.revision, run: 1, state: live });
    }
    const before = await audit(`${caseId}/state?at=${new Date(beforeFiling - 1000).toISOString()}`);
    expect(before.status).toBe(404);
  });

  test('When the audit endpoints are misused, then the answers name the problem', async () => {
    expect((await audit(`${caseId}/timeline`, actors.member)).status).toBe(403);
    const both = await audit(`${caseId}/state?at=2026-01-01T00:00:00Z&revision=2`);
    expect(both).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining('give exactly one of at, revision, or run with event') },
    });
    const unknown = await audit('request-nobody/timeline');
    expect(unknown).toMatchObject({
      status: 404,
      body: { detail: 'case request-nobody is neither in Temporal nor in the archive' },
    });
    expect((await audit('not-a-case/timeline')).status).toBe(400);
    const paths = Object.keys((await http.get('/openapi.json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(
        ['timeline', 'state', 'replay', 'export'].map((p) => `/api/v1/audit/cases/{caseId}/${p}`),
      ),
    );
  });

  test('When an auditor tries any write endpoint in the OpenAPI document, then every one refuses with 403', async () => {
    const doc = (await http.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    // The codec endpoint is POSTed to but writes nothing: auditors use it (test/e2e/encryption.test.ts).
    const writes = Object.entries(doc.paths)
      .filter(([path]) => !path.startsWith('/api/v1/codec/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((method) => ({ method: method.toUpperCase(), path })),
      );
    expect(writes.length).toBeGreaterThan(20);
    const id = caseId.replace(/^request-/, '');
    for (const { method, path } of writes) {
      const concrete = path
        .replace(/^\/api\/v1/, '')
        .replace(/\{[^}]+\}/g, (param) => (param === '{year}' ? '1' : id));
      const res = await http.raw(
        method,
        concrete,
        {},
        { ...authHeaders(actors.auditor), 'content-type': 'application/json' },
      );
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
  });

  test('When a case is replayed against the current code, then the verdict is deterministic', async () => {
    const res = await audit(`${caseId}/replay`);
    expect(res.body).toMatchObject({ caseId, deterministic: true, runs: 1 });
    expect(res.body.events).toBeGreaterThan(10);
  });

  test('When a case is exported, imported on another machine and tampered with, then the import checks the seal and replays it', async () => {
    const exported = await audit(`${caseId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain(`${caseId}.json`);
    const elsewhere = mkdtempSync(join(tmpdir(), 'lianxin-elsewhere-'));
    const file = join(elsewhere, 'exported.json');
    writeFileSync(file, JSON.stringify(exported.body));

    const imported = await cli(['import', file], join(elsewhere, 'archive'));
    expect(imported.stdout).toContain(`ok    ${caseId}  citizenRequest  1 run`);
    expect(imported.code).toBe(0);
    const timeline = await cli(['timeline', caseId], join(elsewhere, 'archive'));
    expect(timeline.stdout).toContain('dispatch  sec-1 (branch_secretary');

    const tampered = JSON.parse(readFileSync(file, 'utf8'));
    tampered.runs[0].history.events[1].eventTime = '2020-01-01T00:00:00Z';
    writeFileSync(file, JSON.stringify(tampered));
    const refused = await cli(['import', file], join(elsewhere, 'archive-2'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`checksum mismatch for ${caseId}`);
  });

  test('When a closed case is archived and Temporal then removes it, then auditors read the same timeline and states from the archive', async () => {
    const withdrawn = await http.post('/requests', newRequest, actors.resident);
    const closedId = requestWorkflowId(withdrawn.body.id);
    expect(
      (
        await http.post(
          `/requests/${withdrawn.body.id}/withdraw`,
          { reason: 'fixed by the neighbours' },
          actors.resident,
        )
      ).status,
    ).toBe(200);
    await e2e.system.temporal.workflow.getHandle(closedId).result();
    const fromTemporal = (await audit(`${closedId}/timeline`)).body;

    const verified = await eventually(async () => {
      const run = await cli(
        ['verify', '--closed-from', new Date(beforeFiling).toISOString()],
        e2e.system.archiveDir,
      );
      expect(run.stdout).toContain(`ok    ${closedId}`);
      return run;
    });
    expect(verified.stdout).toMatch(/verified 1 cases \(\d+ events\) in [\d.]+ s: 1 deterministic, 0 not/);
    const archived = await cli(
      ['archive', '--closed-from', new Date(beforeFiling).toISOString()],
      e2e.system.archiveDir,
    );
    expect(archived.stdout).toContain(`archived ${closedId}`);

    const { temporal, namespace } = e2e.system;
    await temporal.workflowService.deleteWorkflowExecution({
      namespace,
      workflowExecution: { workflowId: closedId },
    });
    // Temporal deletes asynchronously, behind its other work: on a busy machine that takes tens of seconds.
    const fromArchive = await eventually(
      async () => {
        const res = await audit(`${closedId}/timeline`);
        expect(res.body.source).toBe('archive');
        return res.body;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(fromArchive.lines).toEqual(fromTemporal.lines);
    const state = await audit(`${closedId}/state?revision=2`);
    expect(state.body).toMatchObject({ source: 'archive', state: { status: 'withdrawn' } });
  });

  test('When the nightly archive schedule fires, then cases closed since are filed without anyone running the CLI', async () => {
    const { temporal, taskQueue, archiveDir } = e2e.system;
    const withdrawn = await http.post('/requests', newRequest, actors.resident);
    const closedId = requestWorkflowId(withdrawn.body.id);
    expect(
      (
        await http.post(
          `/requests/${withdrawn.body.id}/withdraw`,
          { reason: 'duplicate call' },
          actors.resident,
        )
      ).status,
    ).toBe(200);
    await temporal.workflow.getHandle(closedId).result();

    await ensureAuditSchedules(temporal, taskQueue);
    await ensureAuditSchedules(temporal, taskQueue); // every worker start calls it; the second finds them there
    await eventually(
      async () => {
        // Visibility lags a little behind the close: fire again until the sweep has seen the case.
        await temporal.schedule.getHandle(archiveScheduleId).trigger();
        await eventually(async () => expect(await isArchived(archiveDir, closedId)).toBe(true), {
          timeoutMs: 5_000,
        });
      },
      { timeoutMs: 60_000 },
    );
    const { history } = await readArchive(archivePath(archiveDir, closedId), e2e.system.keys);
    expect(caseTimeline(history).map((line) => line.action)).toEqual([
      'opened',
      'code',
      'submit',
      'withdraw',
      'closed',
    ]);
  });
});
