import { ServiceError } from '@temporalio/client';
import { unreachableDependency } from '../../api/dependencies';

/** A gRPC status as @grpc/grpc-js raises it: code, details and metadata. */
function grpcStatus(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

const queryFailure = (code: number, details: string) =>
  new ServiceError('Failed to query Workflow', { cause: grpcStatus(code, details) });

describe('which dependency an error says is unreachable', () => {
  test('When a query finds no worker polling, or a killed worker’s task not yet retried, then it is the worker', () => {
    expect(
      unreachableDependency(queryFailure(9, 'no poller seen for task queue recently, worker may be down')),
    ).toBe('worker');
    expect(unreachableDependency(queryFailure(9, 'Workflow Task in failed state.'))).toBe('worker');
  });

  test('When another precondition fails, then no dependency is blamed (the caller gets the error itself)', () => {
    expect(unreachableDependency(queryFailure(9, 'workflow execution already completed'))).toBeUndefined();
  });

  test('When Temporal itself does not answer, then it is Temporal', () => {
    expect(unreachableDependency(queryFailure(14, 'connect ECONNREFUSED 127.0.0.1:7233'))).toBe('temporal');
  });
});
