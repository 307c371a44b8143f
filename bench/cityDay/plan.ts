import { grids, requestBody, RequestBody } from '../filing';

/** What a person does to a request after filing it, in the order done. */
export type Step =
  | 'dispatch'
  | 'return'
  | 'accept'
  | 'progress'
  | 'extend'
  | 'approveExtension'
  | 'refuseExtension'
  | 'resolve'
  | 'feedbackSatisfied'
  | 'feedbackUnsatisfied'
  | 'escalate'
  | 'withdraw'
  | 'reject'
  | 'merge';

/** How far a request of the day gets and by which road, with its share of the day (percent); requests left waiting escalate on the clock. */
export const paths: { name: string; share: number; steps: Step[] }[] = [
  {
    name: 'closed satisfied',
    share: 30,
    steps: ['dispatch', 'accept', 'progress', 'resolve', 'feedbackSatisfied'],
  },
  {
    name: 'reopened after unsatisfied feedback, then closed',
    share: 4,
    steps: ['dispatch', 'accept', 'resolve', 'feedbackUnsatisfied', 'resolve', 'feedbackSatisfied'],
  },
  {
    name: 'returned by the member, dispatched again',
    share: 8,
    steps: ['dispatch', 'return', 'dispatch', 'accept', 'progress'],
  },
  {
    name: 'extension approved',
    share: 5,
    steps: ['dispatch', 'accept', 'extend', 'approveExtension', 'progress'],
  },
  { name: 'extension refused', share: 1, steps: ['dispatch', 'accept', 'extend', 'refuseExtension'] },
  { name: 'in progress', share: 15, steps: ['dispatch', 'accept', 'progress'] },
  { name: 'accepted', share: 10, steps: ['dispatch', 'accept'] },
  { name: 'waiting to be accepted', share: 8, steps: ['dispatch'] },
  { name: 'waiting to be dispatched', share: 9, steps: [] },
  { name: 'escalated to the committee by the member', share: 3, steps: ['dispatch', 'escalate'] },
  { name: 'resolved, no feedback (closes on the clock)', share: 3, steps: ['dispatch', 'accept', 'resolve'] },
  { name: 'withdrawn by the resident', share: 2, steps: ['withdraw'] },
  { name: 'rejected', share: 1, steps: ['reject'] },
  { name: 'merged into the previous request as a duplicate', share: 1, steps: ['merge'] },
];

/** Shares of a 12345-style hotline's day, in percent. */
const categories = { general: 60, utilities: 22, complex: 15, emergency: 3 };
const channels = { hotline: 55, app: 22, web: 10, grid_member: 10, visit: 3 };
const urgentShare = 0.08;
const majorShare = 0.003;

export interface PlannedRequest {
  n: number;
  body: RequestBody;
  path: (typeof paths)[number];
}

/** One Beijing day: 58,700 requests at scale 1. */
export const requestsPerDay = 58_700;

/** mulberry32: a small seeded generator, so every run replays the same day. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
  return weighted[weighted.length - 1][0];
}

/** The day's requests in filing order, each with its road; the same for the same count. */
export function planDay(count: number): PlannedRequest[] {
  const random = seeded(20261127);
  return Array.from({ length: count }, (_, n) => ({
    n,
    body: requestBody(n, {
      category: pick(random, Object.entries(categories)),
      channel: pick(random, Object.entries(channels) as [RequestBody['channel'], number][]),
      urgency: random() < urgentShare ? 'urgent' : 'normal',
      major: random() < majorShare,
      gridId: grids[Math.floor(random() * grids.length)],
    }),
    path: pick(
      random,
      paths.map((p) => [p, p.share]),
    ),
  }));
}
