import { join } from 'node:path';
import { requestStateQuery } from '../../common/requests';
import { fetchCaseHistory, listCases } from '../../audit/history';
import { ahead, allCases, readCases } from '../../reconcile/truth';
import { formatSummary } from '../../reconcile/print';
import { reconcileReadModels, ReconcileOptions } from '../../reconcile/reconciler';
import { bundleWorkflows } from '../../worker/bundle';
import { startE2eSystem } from '../support/e2eSystem';
import { actors, repoRoot } from '../support/fixtures';

/**
 * What reconciliation costs per case on the e2e stack (dev server, FerretDB over PostgreSQL, the
 * worker in this process): `npx ts-node --transpile-only test/bench/reconcile.bench.ts [cases]`.
 * Files the cases through the API, moves a third along and ends a third, then times a clean check, a repair of every
 * list document, a rebuild, and for comparison a state query per open case. Prints figures.
 */
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 300);
  const system = await startE2eSystem(join(repoRoot, 'config', 'policy.default.json'));
  try {
    const url = `${system.url}/api/v1`;
    const post = async (path: string, body: unknown, actor: { id: string; role: string; unit: string }) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-actor-id': actor.id,
          'x-actor-role': actor.role,
          'x-actor-unit': actor.unit,
        },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    let started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < total; i += 20) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, total - i) }, (_, j) =>
            post(
              '/requests',
              {
                channel: 'hotline',
                category: 'general',
                title: `bench ${i + j}`,
                description: 'reconcile bench',
                requester: { id: 'resident-1', name: '张三' },
                gridId: 'g01',
              },
              actors.resident,
            ).then((r) => (r as { id: string }).id),
          ),
        )),
      );
    }
    const third = Math.floor(ids.length / 3);
    for (let i = 0; i < 2 * third; i += 20) {
      await Promise.all(
        ids.slice(i, Math.min(i + 20, 2 * third)).map(async (id, j) => {
          if (i + j >= third) return post(`/requests/${id}/withdraw`, { reason: 'solved' }, actors.resident);
          await post(`/requests/${id}/dispatch`, { assignee: 'member-1' }, actors.secretary);
          await post(`/requests/${id}/accept`, {}, actors.member);
        }),
      );
    }
    await Promise.all(
      ids.slice(third, 2 * third).map((id) => system.temporal.workflow.getHandle(`request-${id}`).result()),
    );
    console.log(
      `${total} requests filed, a third dispatched and accepted, a third withdrawn (ended), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const workflowCode = await bundleWorkflows();
    const run = (options: ReconcileOptions = {}) =>
      reconcileReadModels(
        {
          models: system.models,
          sources: { temporal: system.temporal, archiveDir: system.archiveDir, keys: system.keys },
          workflowCode: async () => workflowCode,
        },
        options,
      );
    for (const concurrency of [2, 4]) console.log(formatSummary(await run({ concurrency })));
    const sources = { temporal: system.temporal, archiveDir: system.archiveDir, keys: system.keys };
    started = Date.now();
    let histories = 0;
    for await (const _ of ahead(
      allCases(sources),
      8,
      async (source) =>
        'temporal' in source && fetchCaseHistory(system.temporal, source.temporal.caseId, source.temporal),
    ))
      histories += 1;
    console.log(
      `list and fetch histories alone: ${(histories / ((Date.now() - started) / 1000)).toFixed(1)} cases/s`,
    );
    started = Date.now();
    let read = 0;
    for await (const _ of readCases(sources, workflowCode, allCases(sources))) read += 1;
    console.log(
      `list, fetch and replay (no store): ${(read / ((Date.now() - started) / 1000)).toFixed(1)} cases/s`,
    );
    await system.models.Request.deleteMany({});
    console.log(formatSummary(await run()));
    console.log(formatSummary(await run({ rebuild: true })));

    started = Date.now();
    let queried = 0;
    const open: string[] = [];
    for await (const ref of listCases(system.temporal))
      if (!ids.slice(third, 2 * third).some((id) => ref.caseId === `request-${id}`)) open.push(ref.caseId);
    for (let i = 0; i < open.length; i += 4) {
      await Promise.all(
        open.slice(i, i + 4).map((id) =>
          system.temporal.workflow
            .getHandle(id)
            .query(requestStateQuery)
            .then(() => (queried += 1)),
        ),
      );
    }
    const s = (Date.now() - started) / 1000;
    console.log(
      `state query per case (worker cache warm, 4 at once): ${queried} in ${s.toFixed(1)} s, ${(queried / s).toFixed(1)} cases/s`,
    );
  } finally {
    await system.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
