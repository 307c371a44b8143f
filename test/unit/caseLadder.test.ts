import { defaultPayloadConverter, PayloadCodec } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import { EncryptionCodec } from '../../common/payloadCodec';
import { testKeys } from '../support/payloadKeys';
import { caseLadders } from '../../api/commitments/caseLadder';
import { CaseNotFoundError } from '../../audit/source';
import { defaultPolicy, planSubmission } from '../support/fixtures';

const policy = defaultPolicy();
const own = { ...policy, ladder: policy.ladder.map((rung) => ({ ...rung, id: `old-${rung.id}` })) };
const apiLadder = policy.ladder.map((rung) => rung.id);
const started = {
  events: [
    {
      workflowExecutionStartedEventAttributes: {
        input: {
          payloads: [defaultPayloadConverter.toPayload({ submission: planSubmission(), policy: own })],
        },
      },
    },
  ],
};
/** What the gRPC client throws for a workflow Temporal no longer holds. */
const notFound = Object.assign(new Error('workflow not found'), {
  code: 5,
  details: 'not found',
  metadata: {},
});

function temporal(answer: () => Promise<unknown>, payloadCodecs: PayloadCodec[] = []) {
  const getWorkflowExecutionHistory = jest.fn(answer);
  return {
    client: {
      workflowService: { getWorkflowExecutionHistory },
      options: { namespace: 'lianxin', loadedDataConverter: { payloadCodecs } },
    } as never,
    getWorkflowExecutionHistory,
  };
}

describe("a commitment's own ladder", () => {
  test('When a case is read twice, then its ladder comes from its run’s input, and Temporal is asked once', async () => {
    const { client, getWorkflowExecutionHistory } = temporal(async () => ({ history: started }));
    const ladderOf = caseLadders(client, { load: jest.fn() }, apiLadder);
    expect(await ladderOf('plan-1')).toEqual(['old-grid', 'old-village', 'old-township', 'old-committee']);
    expect(await ladderOf('plan-1')).toEqual(['old-grid', 'old-village', 'old-township', 'old-committee']);
    expect(getWorkflowExecutionHistory).toHaveBeenCalledTimes(1);
    expect(getWorkflowExecutionHistory.mock.calls[0]).toEqual([
      { namespace: 'lianxin', execution: { workflowId: 'plan-1' }, maximumPageSize: 1 },
    ]);
  });

  test('When the history is encrypted, then the ladder is read through the client’s codec', async () => {
    const codec = new EncryptionCodec(testKeys());
    const [input] = await codec.encode(
      started.events[0].workflowExecutionStartedEventAttributes.input.payloads,
    );
    const { History } = proto.api.history.v1;
    // As the gRPC client hands it over: decoded protobuf messages.
    const history = History.decode(
      History.encode({
        events: [{ workflowExecutionStartedEventAttributes: { input: { payloads: [input] } } }],
      }).finish(),
    );
    const { client } = temporal(async () => ({ history }), [codec]);
    expect(await caseLadders(client, { load: jest.fn() }, apiLadder)('plan-3')).toEqual(
      own.ladder.map((rung) => rung.id),
    );
  });

  test('When Temporal no longer holds the case, then its archive’s first run gives the ladder', async () => {
    const { client } = temporal(async () => Promise.reject(notFound));
    const load = jest.fn(async () => ({ history: { runs: [{ history: started }] } }));
    expect(await caseLadders(client, { load } as never, apiLadder)('plan-2')).toEqual(
      own.ladder.map((rung) => rung.id),
    );
    expect(load).toHaveBeenCalledWith('plan-2');
  });

  test('When the case is neither in Temporal nor archived, then the API’s ladder is shown and the case is asked for again next time', async () => {
    const { client, getWorkflowExecutionHistory } = temporal(async () => Promise.reject(notFound));
    const load = jest.fn(async () => Promise.reject(new CaseNotFoundError('gone')));
    const ladderOf = caseLadders(client, { load } as never, apiLadder);
    expect(await ladderOf('plan-3')).toBe(apiLadder);
    expect(await ladderOf('plan-3')).toBe(apiLadder);
    expect(getWorkflowExecutionHistory).toHaveBeenCalledTimes(2);
  });

  test('When Temporal cannot be reached, then the error reaches the caller (a 503), and nothing is remembered', async () => {
    const unavailable = Object.assign(new Error('unavailable'), { code: 14, details: 'down', metadata: {} });
    const { client, getWorkflowExecutionHistory } = temporal(async () => Promise.reject(unavailable));
    const ladderOf = caseLadders(client, { load: jest.fn() }, apiLadder);
    await expect(ladderOf('plan-4')).rejects.toBe(unavailable);
    await expect(ladderOf('plan-4')).rejects.toBe(unavailable);
    expect(getWorkflowExecutionHistory).toHaveBeenCalledTimes(2);
  });
});
