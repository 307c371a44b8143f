import { commitmentFacts } from '../../domain/access/facts';
import { CommitmentState } from '../../domain/commitments/state';
import { caseInScope } from '../scope';
import { commitmentIdParams } from './schema';

/** One commitment, named by `:id`, within the caller's scope (404 outside it); its live state is kept for the handler. */
export function commitmentInScope(liveState: (id: string) => Promise<CommitmentState>, noun: string) {
  return caseInScope(
    commitmentIdParams,
    async ({ id }) => {
      const state = await liveState(id);
      return { facts: commitmentFacts(state), value: state };
    },
    ({ id }) => `${noun} ${id}`,
  );
}
