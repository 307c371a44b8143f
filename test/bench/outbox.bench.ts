/**
 * What recording a write in the action-log outbox costs the API before it answers (a file written
 * and fsync'd, renamed, its directory fsync'd): 400 puts at 1, 8 and 32 at once.
 * `npx ts-node --transpile-only test/bench/outbox.bench.ts`
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionLogOutbox } from '../../audit/actionLog/outbox';
async function main() {
  const outbox = new ActionLogOutbox(mkdtempSync(join(tmpdir(), 'oc-')));
  const body = {
    at: new Date().toISOString(),
    actor: { id: 'a', role: 'resident', unit: 'g01' },
    action: 'POST /api/v1/requests',
    path: '/api/v1/requests',
    requestId: 'x',
    outcome: { status: 201 },
  };
  for (const conc of [1, 8, 32]) {
    const n = 400;
    const t = Date.now();
    let i = 0;
    await Promise.all(
      Array.from({ length: conc }, async () => {
        while (i++ < n) await outbox.put(body);
      }),
    );
    console.log(
      `concurrency ${conc}: ${((Date.now() - t) / n).toFixed(2)} ms per put wall, ${(n / ((Date.now() - t) / 1000)).toFixed(0)}/s`,
    );
  }
}
void main();
