import { Actor } from '../actors';
import { refuseReadOnly, requireRole } from '../cases/guards';
import { RuleContext } from '../cases/engine';
import { addDuration } from '../policy/calendar';
import { durationSpecSchema } from '../policy/duration';
import { Refusal } from '../timeline';
import { AgendaItem, AgendaState, CaseRef, ItemDecision, Meeting, revised } from './agenda';
import { CommitteeDecision, decisionLabels, supervisionLevels } from './decisions';

/** A meeting (会议) as the secretariat records it: one decision per item it took up. */
export interface MeetingInput {
  id: string;
  heldAt: string;
  membersPresent: string[];
  decisions: { item: string; decision: CommitteeDecision }[];
}

/**
 * What one case must now do: the decision with `merge.into` turned from an item key into the
 * target case's own id, which is what the case knows it by.
 */
export interface CaseOrder {
  item: string;
  case: CaseRef;
  meetingId: string;
  heldAt: string;
  decision: CommitteeDecision;
}

export interface MeetingOutcome {
  state: AgendaState;
  orders: CaseOrder[];
}

/** Only an assigned lead keeps an item on the agenda: sent down, merged or closed, it is the case's business now. */
function staysOnAgenda(decision: CommitteeDecision): boolean {
  return decision.kind === 'assignLead';
}

/**
 * 会议: records a meeting and its decisions, or refuses the whole of it (nothing is recorded, no
 * case told). Items it did not take up stay as they were.
 */
export function holdMeeting(
  state: AgendaState,
  input: MeetingInput,
  actor: Actor,
  ctx: RuleContext,
): MeetingOutcome {
  refuseReadOnly(actor);
  requireRole(actor, ['committee'], 'record a committee meeting');
  const heldAt = checkMeeting(state, input, ctx);
  const byKey = new Map(state.items.map((item) => [item.key, item]));
  const decided = new Map<string, CommitteeDecision>();
  for (const { item, decision } of input.decisions) {
    if (!byKey.has(item)) throw new Refusal('invalid', `item ${item} is not on the agenda`);
    if (decided.has(item)) throw new Refusal('invalid', `item ${item} has more than one decision`);
    decided.set(item, decision);
  }
  for (const [key, decision] of decided) checkDecision(state, byKey.get(key)!, decision, decided, byKey, ctx);

  const decisions = input.decisions.map(({ item, decision }) => ({
    item,
    title: byKey.get(item)!.title,
    ...itemDecision(input.id, heldAt, decision, ctx),
  }));
  const meeting: Meeting = {
    id: input.id,
    heldAt: new Date(heldAt).toISOString(),
    membersPresent: [...new Set(input.membersPresent)],
    recordedBy: actor.id,
    recordedAt: new Date(ctx.now).toISOString(),
    decisions,
  };
  const items = state.items.flatMap((item): AgendaItem[] => {
    const taken = decisions.find((d) => d.item === item.key);
    if (!taken) return [item];
    if (!staysOnAgenda(taken.decision)) return [];
    const { item: _key, title: _title, ...decision } = taken;
    return [{ ...item, decision }];
  });
  const orders = decisions.map(({ item, decision }) => ({
    item,
    case: byKey.get(item)!.case,
    meetingId: input.id,
    heldAt: meeting.heldAt,
    decision: decision.kind === 'merge' ? { ...decision, into: byKey.get(decision.into)!.case.id } : decision,
  }));
  // One entry per revision, as every case's timeline keeps them.
  const summary = decisions
    .map(
      ({ item, decision }) =>
        `${item} ${decisionLabels[decision.kind].zh} ${decisionLabels[decision.kind].en}`,
    )
    .join('; ');
  const entry = { actor, action: 'meeting', note: `会议 meeting ${input.id}: ${summary}` };
  return { state: revised(state, ctx.now, items, [...state.meetings, meeting], [entry]), orders };
}

function checkMeeting(state: AgendaState, input: MeetingInput, ctx: RuleContext): number {
  if (!input.id.trim()) throw new Refusal('invalid', 'a meeting needs an id');
  if (state.meetings.some((m) => m.id === input.id))
    throw new Refusal('not_allowed_in_state', `meeting ${input.id} is already recorded`);
  const heldAt = Date.parse(input.heldAt);
  if (Number.isNaN(heldAt)) throw new Refusal('invalid', `heldAt ${input.heldAt} is not a date-time`);
  if (heldAt > ctx.now) throw new Refusal('invalid', 'a meeting is recorded after it is held, not before');
  if (!input.membersPresent.some((m) => m.trim()))
    throw new Refusal('invalid', 'a meeting needs the members present');
  if (!input.decisions.length) throw new Refusal('invalid', 'a meeting records at least one decision');
  return heldAt;
}

function checkDecision(
  state: AgendaState,
  item: AgendaItem,
  decision: CommitteeDecision,
  decided: Map<string, CommitteeDecision>,
  byKey: Map<string, AgendaItem>,
  ctx: RuleContext,
): void {
  const refuse = (message: string) => {
    throw new Refusal('invalid', `item ${item.key}: ${message}`);
  };
  switch (decision.kind) {
    case 'assignLead':
      if (!decision.leadOfficial.trim()) refuse('a lead official (牵头领导) is required');
      if (!decision.leadUnit.trim()) refuse('a lead unit (牵头单位) is required');
      if (!durationSpecSchema.safeParse(decision.deadline).success)
        refuse(`deadline ${JSON.stringify(decision.deadline)} is not a duration (P30D, {"workingDays": 10})`);
      if (!supervisionLevels.includes(decision.supervision))
        refuse(`supervision ${decision.supervision} is not one of ${supervisionLevels.join(', ')}`);
      return;
    case 'sendDown': {
      const ladder = ctx.policy.ladder.map((level) => level.id);
      const to = ladder.indexOf(decision.toLevel);
      if (to < 0) refuse(`level ${decision.toLevel} is not on the ladder (${ladder.join(', ')})`);
      if (to >= ladder.indexOf(state.levelId))
        refuse(`level ${decision.toLevel} is not below the committee (${state.levelId})`);
      if (!decision.instructions.trim()) refuse('instructions are required when sending an item down');
      return;
    }
    case 'merge': {
      const target = byKey.get(decision.into);
      if (decision.into === item.key) refuse('an item cannot be merged into itself');
      if (!target) refuse(`merge target ${decision.into} is not on the agenda`);
      const targetDecision = decided.get(decision.into);
      if (targetDecision && !staysOnAgenda(targetDecision))
        refuse(`merge target ${decision.into} leaves the agenda at this meeting (${targetDecision.kind})`);
      if (item.case.kind !== 'request' || target!.case.kind !== 'request' || item.case.problem)
        refuse('only requests merge, into another request');
      return;
    }
    case 'close':
      if (!decision.outcome.trim()) refuse('closing needs a reasoned outcome');
      return;
    default:
      refuse(`unknown decision ${(decision as { kind: string }).kind}`);
  }
}

function itemDecision(
  meetingId: string,
  heldAt: number,
  decision: CommitteeDecision,
  ctx: RuleContext,
): ItemDecision {
  const decidedAt = new Date(heldAt).toISOString();
  if (decision.kind !== 'assignLead') return { meetingId, decidedAt, decision };
  const dueAt = new Date(addDuration(heldAt, decision.deadline, ctx.policy.calendar)).toISOString();
  return { meetingId, decidedAt, decision, dueAt };
}
