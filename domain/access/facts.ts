import { CommitmentState, currentHolders } from '../commitments/state';
import { CitizenRequestState } from '../requests/state';
import { RequestRuleFacts } from './rules';
import { CaseFacts } from './scope';

/** What a request's state tells about who sees it and at which rung it is held. */
export function requestFacts(state: CitizenRequestState): RequestRuleFacts {
  const { submission } = state;
  return {
    jurisdiction: submission.jurisdiction,
    assignee: state.assignee,
    requesters: [submission.requester.id, ...state.coRequesters],
    filer: submission.filedBy,
    level: state.level,
    resolvedAtLevel: state.resolvedAtLevel,
    ...(state.coHandlers?.length
      ? { partners: [...new Set(state.coHandlers.flatMap((part) => part.chain))] }
      : {}),
  };
}

/** A commitment's jurisdiction and the people holding it now (lead and members, after handovers). */
export function commitmentFacts(state: CommitmentState): CaseFacts {
  return { jurisdiction: state.submission.jurisdiction, team: currentHolders(state) };
}
