import { requestFacts } from '../../domain/access/facts';
import { CitizenRequestState } from '../../domain/requests/state';
import { caseInScope } from '../scope';
import { requestIdParams } from './schema';

/** One request, named by `:id`, within the caller's scope (404 outside it); its live state is kept for the handler. */
export function requestInScope(liveState: (id: string) => Promise<CitizenRequestState>) {
  return caseInScope(
    requestIdParams,
    async ({ id }) => {
      const state = await liveState(id);
      return { facts: requestFacts(state), value: state };
    },
    ({ id }) => `request ${id}`,
  );
}
