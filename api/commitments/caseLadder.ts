import { Client, isGrpcServiceError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { CommitmentInput } from '../../common/commitments';
import { codecsOf, decodeInPlace } from '../../common/payloadCodec';
import { startedAttributes } from '../../audit/history';
import { CaseAuditor } from '../../audit/auditor';
import { CaseNotFoundError } from '../../audit/source';

/** Cases whose ladder one API process remembers; past it, the oldest is read again when asked. */
const remembered = 10_000;
/** gRPC NOT_FOUND: the raw service call, unlike the client's handles, does not name it. */
const notFoundCode = 5;

/**
 * The ladder level ids of the policy a commitment runs on: the policy its opening carried, which
 * every run's input carries again and which never changes over the term. The API's own policy may
 * have renamed or reordered its levels since. Read from the first event of the case's current run
 * (the archive once Temporal's retention has removed it), once per case. A case in neither (its
 * projection outlived both) is shown with `fallback`, the API's own ladder, rather than not at all.
 */
export function caseLadders(
  temporal: Pick<Client, 'workflowService' | 'options'>,
  auditor: Pick<CaseAuditor, 'load'>,
  fallback: string[],
) {
  const known = new Map<string, Promise<string[]>>();

  async function read(workflowId: string): Promise<string[]> {
    let first: History;
    try {
      const { history } = await temporal.workflowService.getWorkflowExecutionHistory({
        namespace: temporal.options.namespace,
        execution: { workflowId },
        maximumPageSize: 1,
      });
      first = await decodeInPlace(codecsOf(temporal), history as History);
    } catch (err) {
      if (!isGrpcServiceError(err) || err.code !== notFoundCode) throw err;
      const archived = await auditor.load(workflowId).catch((gone: unknown) => {
        if (gone instanceof CaseNotFoundError) return undefined;
        throw gone;
      });
      if (!archived) return fallback;
      first = archived.history.runs[0].history;
    }
    const [input] = startedAttributes(first).input?.payloads ?? [];
    return defaultPayloadConverter.fromPayload<CommitmentInput>(input).policy.ladder.map((level) => level.id);
  }

  return (workflowId: string): Promise<string[]> => {
    const held = known.get(workflowId);
    if (held) return held;
    const reading = read(workflowId);
    // A failed read, or a case found nowhere yet (its archive may come), is read again next time.
    reading.then(
      (ladder) => ladder === fallback && known.delete(workflowId),
      () => known.delete(workflowId),
    );
    known.set(workflowId, reading);
    if (known.size > remembered) known.delete(known.keys().next().value!);
    return reading;
  };
}
