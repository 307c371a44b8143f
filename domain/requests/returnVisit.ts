import { Actor, systemActor } from '../actors';
import { Change } from '../cases/engine';
import { Deadline } from '../deadlines/deadline';
import { Decision, Refusal, tell, TimelineEntry } from '../timeline';
import { RequestCommand } from './commands';
import { CitizenRequestState, ReturnVisitAnswer } from './state';
import type { Context, RequestChange } from './transitions';

/**
 * The return visit (回访) of a request, and of a merged group (合并诉求) as a 12345 office runs it:
 * every requester is asked, and each answers once per resolution. An unsatisfied answer reopens the
 * request at once; satisfied answers wait for the others, and the request closes satisfied when
 * every requester has answered so. When the return-visit deadline lapses first, each requester left
 * unanswered gets an entry of their own (`no_feedback`, the last one `close_no_feedback`, which
 * closes it). In a group each entry names its requester (`about: "requester:<id>"`); a request with
 * one requester records exactly the entries it always did.
 */

type Apply = (
  state: CitizenRequestState,
  change: Change<CitizenRequestState> & RequestChange,
  ctx: Context,
) => Decision<CitizenRequestState>;

export type Reopen = (
  state: CitizenRequestState,
  actor: Actor,
  action: string,
  note: string,
  ctx: Context,
  more: { patch?: Partial<CitizenRequestState>; about?: string },
) => Decision<CitizenRequestState>;

type Feedback = RequestCommand & { type: 'feedback' };

/** Everyone who filed it: its requester, then those of the duplicates merged into it, each once. */
export function requesters(state: CitizenRequestState): string[] {
  return [...new Set([state.submission.requester.id, ...state.coRequesters])];
}

function latestEntry(state: CitizenRequestState, which: (entry: TimelineEntry) => boolean) {
  for (let i = state.timeline.length - 1; i >= 0; i--) if (which(state.timeline[i])) return state.timeline[i];
  return undefined;
}

/** The answers to the current return visit: those recorded since the request was last resolved. */
export function currentAnswers(state: CitizenRequestState): ReturnVisitAnswer[] {
  const resolved = latestEntry(state, (entry) => entry.to === 'resolved');
  return (state.answers ?? []).filter((a) => resolved !== undefined && a.revision > resolved.revision);
}

/** The requesters not yet heard on the current return visit. */
export function awaitedRequesters(state: CitizenRequestState): string[] {
  const heard = new Set(currentAnswers(state).map((a) => a.requester));
  return requesters(state).filter((r) => !heard.has(r));
}

/** How an entry names the requester it concerns: in a group only, so a lone requester's entries stay as they were. */
function aboutRequester(state: CitizenRequestState, requester: string): string | undefined {
  return requesters(state).length > 1 ? `requester:${requester}` : undefined;
}

/** Feedback is taken while the request waits on its return visit; anything else says what ended it. */
function requireVisiting(state: CitizenRequestState): void {
  if (state.status === 'resolved') return;
  const ended = latestEntry(state, (entry) => entry.from === 'resolved');
  if (state.status === 'closed' && ended)
    throw new Refusal(
      'not_allowed_in_state',
      `the return visit is over: the request was closed (${state.outcome ?? ended.action}) at ${ended.at}`,
    );
  if (state.status === 'reopened' && ended)
    throw new Refusal(
      'not_allowed_in_state',
      `the return visit is over: the request was reopened (${ended.action}) at ${ended.at}; its next resolution brings a new one`,
    );
  throw new Refusal(
    'not_allowed_in_state',
    `cannot give feedback on a request that is ${state.status}: the return visit follows its resolution`,
  );
}

/** Whose answer this is: a resident's own; staff name the requester when there are several. */
function respondent(state: CitizenRequestState, command: Feedback): string {
  const group = requesters(state);
  const { actor } = command;
  if (actor.role === 'resident') {
    if (!group.includes(actor.id)) throw new Refusal('forbidden', 'only a requester may give feedback');
    if (command.requester !== undefined && command.requester !== actor.id)
      throw new Refusal('forbidden', 'a resident answers the return visit for themself only');
    return actor.id;
  }
  if (command.requester !== undefined) {
    if (!group.includes(command.requester))
      throw new Refusal('invalid', `${command.requester} is not a requester of this request`);
    return command.requester;
  }
  if (group.length === 1) return group[0];
  throw new Refusal(
    'invalid',
    `this request has ${group.length} requesters (${group.join(', ')}): name whose answer this is in requester`,
  );
}

/** 回访: one requester's answer, recorded on the request and in its timeline. */
export function answerReturnVisit(
  state: CitizenRequestState,
  command: Feedback,
  ctx: Context,
  apply: Apply,
  reopen: Reopen,
): Decision<CitizenRequestState> {
  requireVisiting(state);
  const requester = respondent(state, command);
  const earlier = currentAnswers(state).find((a) => a.requester === requester);
  if (earlier)
    throw new Refusal(
      'not_allowed_in_state',
      `${requester} already answered this return visit (${earlier.satisfied ? 'satisfied' : 'unsatisfied'} at ${earlier.at}): each requester answers once per resolution`,
    );
  const { actor, satisfied, note } = command;
  const answer: ReturnVisitAnswer = {
    requester,
    satisfied,
    ...(note !== undefined && { note }),
    at: new Date(ctx.now).toISOString(),
    recordedBy: actor.id,
    revision: state.revision + 1,
  };
  const patch = { answers: [...(state.answers ?? []), answer] };
  const about = aboutRequester(state, requester);
  if (!satisfied)
    return reopen(state, actor, 'feedback_unsatisfied', note ?? '不满意 unsatisfied', ctx, { patch, about });
  const stillAwaited = awaitedRequesters(state).filter((r) => r !== requester);
  if (stillAwaited.length > 0)
    return apply(state, { action: 'feedback_satisfied', actor, note, about, patch }, ctx);
  return apply(
    state,
    {
      status: 'closed',
      action: 'feedback_satisfied',
      actor,
      note,
      about,
      patch: { ...patch, outcome: 'satisfied' },
      notices: tell(requesters(state), 'outcome', `已关闭 closed: ${state.resolution ?? ''}`),
    },
    ctx,
  );
}

/** The return visit's deadline lapsed: each requester not heard is recorded as no feedback, and the request closes. */
export function lapseReturnVisit(
  state: CitizenRequestState,
  deadline: Deadline,
  ctx: Context,
  apply: Apply,
): Decision<CitizenRequestState> {
  const rule = `no feedback by ${deadline.dueAt} (${deadline.rule})`;
  const silent = awaitedRequesters(state);
  const last = silent.at(-1);
  let decision: Decision<CitizenRequestState> = { state, notices: [] };
  for (const requester of silent.slice(0, -1)) {
    const next = apply(
      decision.state,
      { action: 'no_feedback', actor: systemActor, about: aboutRequester(state, requester), rule },
      ctx,
    );
    decision = { state: next.state, notices: [...decision.notices, ...next.notices] };
  }
  const closing = apply(
    decision.state,
    {
      status: 'closed',
      action: 'close_no_feedback',
      actor: systemActor,
      about: last === undefined ? undefined : aboutRequester(state, last),
      patch: { outcome: 'no_feedback' },
      rule,
      notices: tell(
        requesters(state),
        'outcome',
        `回访期满，已关闭 closed, the return visit ended: ${state.resolution ?? ''}`,
      ),
    },
    ctx,
  );
  return { state: closing.state, notices: [...decision.notices, ...closing.notices] };
}

/** Every requester hears a reopening: the request they filed is being handled again. */
export function reopeningNotices(state: CitizenRequestState, note: string) {
  return tell(requesters(state), 'outcome', `重办 reopened, handled again: ${note}`);
}

/** A requester whose duplicate joins the group late hears where it stands: asked when it awaits its return visit, told when it closed. */
export function joiningNotices(state: CitizenRequestState, requester: string) {
  if (requesters(state).includes(requester)) return [];
  const resolution = state.resolution ?? '';
  if (state.status === 'resolved')
    return tell(
      [requester],
      'return_visit',
      `已办结，请评价 resolved, please tell us if it is solved: ${resolution}`,
    );
  if (state.status === 'closed') return tell([requester], 'outcome', `已关闭 closed: ${resolution}`);
  return [];
}
