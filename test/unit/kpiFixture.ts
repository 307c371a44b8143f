import { decisionsUntil } from '../../domain/cases/clock';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState, RequestSubmission } from '../../domain/requests/state';
import { decide, onDeadline, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

/**
 * 33 requests in three grids, played through the real transitions with the default policy
 * (general/normal: dispatch 4 h, accept 1 day, resolve 7 days, return visit 5 days; escalated:
 * village 2 days, township 3 days, committee 5 working days), the clock stepped between actions
 * as the workflow's timers step it. Hours count from T = 09:00 Beijing on Tuesday 1 December 2026,
 * so Beijing days are: 1 Dec before h15, 2 Dec h15–h39, 3 Dec h39–h63, 4 Dec h63–h87,
 * 5 Dec h87–h111, 7 Dec h135–h159, 8 Dec h159–h183, 9 Dec h183–h207. Everything is played up to
 * AS_OF = h200 (9 Dec, 17:00 Beijing).
 */
export const policy = defaultPolicy();
export const ladder = policy.ladder.map((level) => level.id);
const T = Date.parse('2026-12-01T01:00:00Z');
export const h = (hours: number) => T + hours * 3_600_000;
export const AS_OF = h(200);

export const chains = {
  g01: ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'],
  g02: ['grid-g02', 'village-v01', 'township-t01', 'committee-c01'],
  g03: ['grid-g03', 'village-v02', 'township-t01', 'committee-c01'],
};

const D: RequestCommand = { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' };
const A: RequestCommand = { type: 'accept', actor: actors.member };
const P: RequestCommand = { type: 'progress', actor: actors.member, note: 'on it' };
const R: RequestCommand = { type: 'resolve', actor: actors.member, note: 'done' };
const S: RequestCommand = { type: 'feedback', actor: actors.resident, satisfied: true };
const U: RequestCommand = { type: 'feedback', actor: actors.resident, satisfied: false };
const RT: RequestCommand = { type: 'return', actor: actors.member, reason: 'not our grid' };
const X = (duration: string): RequestCommand => ({
  type: 'requestExtension',
  actor: actors.member,
  duration,
  reason: 'parts on order',
});
const XA: RequestCommand = { type: 'decideExtension', actor: actors.leader, approve: true, note: 'ok' };
const XR: RequestCommand = { type: 'decideExtension', actor: actors.leader, approve: false, note: 'no' };
const E: RequestCommand = { type: 'escalate', actor: actors.member, reason: 'needs funds' };
const W: RequestCommand = { type: 'withdraw', actor: actors.resident, reason: 'fixed it myself' };
const J: RequestCommand = { type: 'reject', actor: actors.secretary, reason: 'not a public matter' };
const O: RequestCommand = { type: 'reopen', actor: actors.leader, reason: 'spot check failed' };
const M = (into: string): RequestCommand => ({ type: 'merge', actor: actors.secretary, into });

export interface Story {
  id: string;
  grid: keyof typeof chains;
  filedAt: number;
  major?: boolean;
  /** Filed by the hotline, as `general`, unless given. */
  channel?: RequestSubmission['channel'];
  category?: string;
  steps: [number, RequestCommand][];
}

/** Each line: what happens, and the deadlines that decide whether it is late. */
export const stories: Story[] = [
  // grid g01 (village v01)
  {
    id: 'r-01',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [24, R],
      [30, S],
    ],
  }, // clean
  {
    id: 'r-02',
    grid: 'g01',
    channel: 'app',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [20, R],
    ],
  }, // no feedback: closed at h140 (7 Dec)
  {
    id: 'r-03',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [6, D],
      [7, A],
      [30, R],
      [31, S],
    ],
  }, // dispatch due h4 lapses: village; resolved there
  {
    id: 'r-04',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [1, D],
      [30, A],
      [40, R],
      [41, S],
    ],
  }, // accept due h25 lapses (2 Dec): village
  {
    id: 'r-05',
    grid: 'g01',
    category: 'roads',
    filedAt: 0,
    steps: [
      [1, D],
      [2, RT],
      [3, D],
      [5, A],
      [24, R],
      [25, S],
    ],
  }, // returned, re-dispatched in time
  {
    id: 'r-06',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [1, D],
      [2, RT],
      [8, D],
      [9, A],
      [33, R],
      [34, S],
    ],
  }, // returned; new dispatch due h6 lapses
  {
    id: 'r-07',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [100, X('P3D')],
      [101, XA],
      [190, R],
      [195, S],
    ],
  }, // resolve due h170 extended to h242
  {
    id: 'r-08',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [100, X('P3D')],
      [101, XR],
      [180, R],
      [185, U],
    ],
  }, // refused; h170 lapses; reopened at village
  {
    id: 'r-09',
    grid: 'g01',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [10, R],
      [11, S],
      [50, O],
      [60, R],
      [61, S],
    ],
  }, // closed, reopened by a supervisor
  { id: 'r-10', grid: 'g01', filedAt: 0, steps: [[2, W]] },
  { id: 'r-11', grid: 'g01', filedAt: 1, steps: [[2, J]] },
  {
    id: 'r-12',
    grid: 'g01',
    filedAt: 1,
    steps: [
      [2, D],
      [3, M('r-01')],
    ],
  },
  // grid g02 (village v01)
  {
    id: 'r-13',
    grid: 'g02',
    filedAt: 2,
    steps: [
      [3, D],
      [4, A],
      [26, R],
      [27, S],
    ],
  },
  {
    id: 'r-14',
    grid: 'g02',
    channel: 'web',
    category: 'roads',
    filedAt: 2,
    steps: [
      [3, D],
      [4, A],
      [28, R],
    ],
  }, // no feedback: closed at h148 (7 Dec)
  {
    id: 'r-15',
    grid: 'g02',
    filedAt: 2,
    steps: [
      [3, D],
      [4, A],
      [5, E],
      [50, R],
      [51, S],
    ],
  }, // to the committee by hand
  {
    id: 'r-16',
    grid: 'g02',
    filedAt: 2,
    steps: [
      [60, D],
      [61, A],
      [70, R],
      [71, S],
    ],
  }, // dispatch lapses h6 (village) and h54 (township)
  {
    id: 'r-17',
    grid: 'g02',
    filedAt: 2,
    steps: [
      [3, D],
      [4, A],
      [20, R],
      [22, U],
      [44, R],
      [45, S],
    ],
  }, // unsatisfied, resolved again
  {
    id: 'r-18',
    grid: 'g02',
    filedAt: 2,
    steps: [
      [3, D],
      [10, X('P1D')],
      [11, XA],
      [40, A],
      [50, R],
      [52, S],
    ],
  }, // accept due h27 extended to h51
  {
    id: 'r-19',
    grid: 'g02',
    filedAt: 2,
    steps: [
      [3, D],
      [30, W],
    ],
  }, // accept due h27 lapses, then withdrawn
  {
    id: 'r-20',
    grid: 'g02',
    filedAt: 3,
    steps: [
      [4, D],
      [5, A],
    ],
  }, // resolve due h173 lapses: overdue at the village
  {
    id: 'r-21',
    grid: 'g02',
    filedAt: 150,
    steps: [
      [151, D],
      [152, A],
      [160, P],
    ],
  }, // open, due h320
  { id: 'r-22', grid: 'g02', filedAt: 20, steps: [[21, M('r-13')]] },
  // grid g03 (village v02)
  {
    id: 'r-23',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [24, R],
      [25, S],
    ],
  },
  {
    id: 'r-24',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [12, R],
      [13, S],
    ],
  },
  {
    id: 'r-25',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [12, R],
      [14, U],
      [40, R],
    ],
  }, // unsatisfied, then no feedback (h160, 8 Dec)
  { id: 'r-26', grid: 'g03', filedAt: 100, steps: [] }, // dispatch lapses h104 (village), h152 (township): overdue there
  {
    id: 'r-27',
    grid: 'g03',
    filedAt: 0,
    major: true,
    steps: [
      [5, D],
      [6, A],
      [30, R],
      [31, S],
    ],
  }, // major: starts at the committee
  {
    id: 'r-28',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [26, A],
      [30, R],
      [31, S],
      [80, O],
      [90, R],
      [91, S],
    ],
  }, // accept lapses h25
  { id: 'r-29', grid: 'g03', filedAt: 0, channel: 'visit', steps: [[1, J]] },
  {
    id: 'r-30',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [5, W],
    ],
  },
  {
    id: 'r-31',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, RT],
      [3, D],
      [4, RT],
      [5, D],
      [6, A],
      [24, R],
      [25, S],
    ],
  },
  {
    id: 'r-32',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, A],
      [175, R],
    ],
  }, // resolve due h170 lapses; resolved late at the village
  {
    id: 'r-33',
    grid: 'g03',
    filedAt: 0,
    steps: [
      [1, D],
      [2, X('PT2H')],
      [3, XA],
      [28, A],
      [40, R],
      [41, S],
    ],
  }, // accept due h25 → h27, lapses
];

const ctx = (now: number) => ({ policy, now });

function fireUntil(state: CitizenRequestState, until: number): CitizenRequestState {
  return (
    decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, ctx(now))).at(-1)?.state ?? state
  );
}

/** A story played through the transitions, its timers fired up to each action and then to AS_OF. */
export function play(story: Story): CitizenRequestState {
  const filed = submission({
    id: story.id,
    gridId: story.grid,
    jurisdiction: chains[story.grid],
    major: story.major ?? false,
    ...(story.channel && { channel: story.channel }),
    ...(story.category && { category: story.category }),
  });
  let state = submitRequest(filed, ctx(h(story.filedAt))).state;
  for (const [at, command] of story.steps) {
    state = fireUntil(state, h(at));
    state = decide(state, command, ctx(h(at))).state;
  }
  return fireUntil(state, AS_OF);
}
