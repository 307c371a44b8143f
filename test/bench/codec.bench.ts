/**
 * What the payload codec costs per payload: a request's workflow input (its submission and the
 * policy it runs on) and its first state, encoded (serialised, encrypted) and decoded, against the
 * payload converter alone. `npx ts-node --transpile-only test/bench/codec.bench.ts`
 */
import { defaultPayloadConverter, Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../common/payloadCodec';
import { submitRequest } from '../../domain/requests/transitions';
import { defaultPolicy, submission } from '../support/fixtures';
import { testKeys } from '../support/payloadKeys';

const rounds = 5_000;

async function perPayload(run: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await run();
  return Number(process.hrtime.bigint() - started) / 1_000 / rounds;
}

async function main() {
  const policy = defaultPolicy();
  const filed = submission({ requester: { id: 'resident-1', name: '张三', phone: '13812345678' } });
  const payloads: Record<string, unknown> = {
    'workflow input (submission + policy)': {
      submission: filed,
      policy,
      submittedAt: new Date().toISOString(),
    },
    'first state': submitRequest(filed, { policy, now: Date.now() }).state,
  };
  const codec = new EncryptionCodec(testKeys());
  for (const [name, value] of Object.entries(payloads)) {
    const plain: Payload = defaultPayloadConverter.toPayload(value);
    const [encrypted] = await codec.encode([plain]);
    const convert = await perPayload(() => defaultPayloadConverter.toPayload(value));
    const encode = await perPayload(() => codec.encode([plain]));
    const decode = await perPayload(() => codec.decode([encrypted]));
    console.log(
      `${name}: ${plain.data!.length} B → ${encrypted.data!.length} B encrypted; ` +
        `converter ${convert.toFixed(1)} µs, codec encode ${encode.toFixed(1)} µs, decode ${decode.toFixed(1)} µs`,
    );
  }
}
void main();
