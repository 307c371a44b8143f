import { ApplicationFailure } from '@temporalio/workflow';
import { Refusal } from '../../domain/timeline';

/** A business refusal leaves the workflow as a typed, non-retryable failure; the API maps its type to 403/409/400. */
export function asFailure<T>(decision: () => T): T {
  try {
    return decision();
  } catch (err) {
    if (err instanceof Refusal)
      throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
    throw err;
  }
}

/** Signals have no caller to answer: a refused one is dropped, and the case stays as it was. */
export function ignoringRefusal(apply: () => void): void {
  try {
    apply();
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
  }
}
