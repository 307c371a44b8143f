import { Actor } from '../actors';
import { requestFacts } from '../access/facts';
import { RequestAction, requestActionAccess, requestActions } from '../access/requestActions';
import { checkLeadSide } from '../access/rules';
import { Refusal } from '../timeline';
import { RequestCommand } from './commands';
import { awaitedRequesters } from './returnVisit';
import { CitizenRequestState } from './state';
import { Context, decide } from './transitions';

/**
 * A command of each action's type that only the request's state and the actor can refuse: its
 * free text is a placeholder, and what names something else (an assignee, a request to merge
 * into, a grid) names what the request's own guards accept, since the API checks those names.
 */
const trialCommands: { [A in RequestAction]: (state: CitizenRequestState, actor: Actor) => RequestCommand } =
  {
    dispatch: (_s, actor) => ({ type: 'dispatch', actor, assignee: actor.id }),
    accept: (_s, actor) => ({ type: 'accept', actor }),
    return: (_s, actor) => ({ type: 'return', actor, reason: 'trial' }),
    progress: (_s, actor) => ({ type: 'progress', actor, note: 'trial' }),
    extend: (_s, actor) => ({ type: 'requestExtension', actor, duration: 'PT1H', reason: 'trial' }),
    'extend/decision': (_s, actor) => ({ type: 'decideExtension', actor, approve: false, note: 'trial' }),
    resolve: (_s, actor) => ({ type: 'resolve', actor, note: 'trial' }),
    feedback: (s, actor) => ({
      type: 'feedback',
      actor,
      satisfied: true,
      // Staff record the answer of a requester not yet heard; a resident answers for themself.
      ...(actor.role === 'resident'
        ? {}
        : { requester: awaitedRequesters(s)[0] ?? s.submission.requester.id }),
    }),
    escalate: (_s, actor) => ({ type: 'escalate', actor, reason: 'trial' }),
    withdraw: (_s, actor) => ({ type: 'withdraw', actor, reason: 'trial' }),
    reopen: (_s, actor) => ({ type: 'reopen', actor, reason: 'trial' }),
    reject: (_s, actor) => ({ type: 'reject', actor, reason: 'trial' }),
    merge: (s, actor) => ({ type: 'merge', actor, into: `not-${s.submission.id}` }),
    route: (s, actor) => ({
      type: 'route',
      actor,
      gridId: s.submission.gridId,
      jurisdiction: s.submission.jurisdiction,
    }),
  };

/** Whether the access rules and the workflow's own decision let the actor take the action now. */
function allowed(state: CitizenRequestState, actor: Actor, action: RequestAction, ctx: Context): boolean {
  const { roles, rule } = requestActionAccess[action];
  if (!roles.includes(actor.role)) return false;
  try {
    const facts = requestFacts(state);
    checkLeadSide(actor, facts);
    rule?.(actor, facts);
    decide(state, trialCommands[action](state, actor), ctx);
    return true;
  } catch (err) {
    if (err instanceof Refusal) return false;
    throw err;
  }
}

/**
 * The actions the actor may take on the request now: each action's access rules and a dry run of
 * the decision the workflow would make, so a page offers exactly what the API would accept.
 */
export function availableActions(
  state: CitizenRequestState,
  actor: Actor,
  at: Pick<Context, 'policy' | 'now'>,
): RequestAction[] {
  // The rules today's runs decide by (Context: older runs keep their recorded ones).
  const ctx: Context = { ...at, closedAtOnEntry: true, groupReturnVisit: true };
  return requestActions.filter((action) => allowed(state, actor, action, ctx));
}
