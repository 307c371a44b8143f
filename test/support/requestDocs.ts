import { Models, RequestDoc } from '../../activities/db/models';
import { countLanded, timeSlices, unitScopes } from '../../activities/db/slices';
import { dueHourOf, openUnitValues } from '../../activities/db/listShapes';

/** The shape of a synthetic county: one committee over townships over villages over grids. */
export interface SyntheticCounty {
  townships: number;
  villagesPerTownship: number;
  gridsPerVillage: number;
  /** `total` requests spread evenly backwards over this many days from `lastDay`, the first newest */
  days: number;
  lastDay: string;
  /** One request in `openEvery` is still open; the others are final */
  openEvery: number;
}

export const demoCounty: SyntheticCounty = {
  townships: 10,
  villagesPerTownship: 10,
  gridsPerVillage: 10,
  days: 365,
  lastDay: '2026-11-28',
  openEvery: 10,
};

/** The jurisdiction of the i-th grid, bottom-up, with the ids the synthetic documents use. */
export function syntheticJurisdiction(county: SyntheticCounty, grid: number): string[] {
  const village = Math.floor(grid / county.gridsPerVillage);
  const township = Math.floor(village / county.villagesPerTownship);
  return [`grid-${grid}`, `village-${village}`, `township-${township}`, 'committee-c01'];
}

export function syntheticGrids(county: SyntheticCounty): number {
  return county.townships * county.villagesPerTownship * county.gridsPerVillage;
}

/** The i-th request's list document, as the projection would store it: spread over grids and days, so the first n of any total fill the last days at one rate. */
export function syntheticRequestDoc(county: SyntheticCounty, i: number, total: number): RequestDoc {
  const grid = (i * 7919) % syntheticGrids(county);
  const units = syntheticJurisdiction(county, grid);
  const submittedAt = new Date(
    Date.parse(`${county.lastDay}T15:59:59Z`) - Math.floor((i / total) * county.days * 86_400_000),
  ).toISOString();
  const open = i % county.openEvery === 0;
  const status = open
    ? (['submitted', 'dispatched', 'accepted', 'in_progress', 'resolved'] as const)[
        Math.floor(i / county.openEvery) % 5
      ]
    : i % 17 === 1
      ? 'withdrawn'
      : 'closed';
  const dueAt = new Date(Date.parse(submittedAt) + 7 * 86_400_000).toISOString();
  return {
    _id: `synthetic-${i}`,
    revision: 7,
    status,
    ...timeSlices(submittedAt),
    category: i % 3 ? 'general' : 'utilities',
    urgency: 'normal',
    channel: 'hotline',
    title: `请求 request ${i}`,
    gridId: `g${grid}`,
    major: false,
    onAgenda: false,
    level: open && i % 50 === 0 ? 'committee' : 'grid',
    unit: units[0],
    units,
    ...Object.fromEntries(units.map((unit, level) => [`unit${level}`, unit])),
    ...openUnitValues(units, open),
    assignee: `member-${grid}`,
    deadline: open
      ? {
          stage: 'resolve',
          owner: `member-${grid}`,
          dueAt,
          rule: 'general/normal resolve P7D',
          reminders: [],
        }
      : undefined,
    ...(open && { dueHour: dueHourOf(dueAt) }),
    pendingExtension: undefined,
    outcome: open ? undefined : 'satisfied',
    mergedInto: undefined,
    submittedAt,
    updatedAt: submittedAt,
    closedAt: open ? undefined : submittedAt,
  };
}

/** Where each document lands in the per-scope day counts lists walk by. */
export function requestLandings(docs: RequestDoc[]): { scope: string; day: string }[] {
  return docs.flatMap((doc) => unitScopes(doc.units).map((scope) => ({ scope, day: doc.day })));
}

/** Stores list documents as the projection would, with the per-day counts lists walk by. */
export async function seedRequestDocs(
  models: Pick<Models, 'Request' | 'Slice'>,
  docs: RequestDoc[],
): Promise<void> {
  await models.Request.insertMany(docs, { lean: true });
  await countLanded(models.Slice, 'requests', requestLandings(docs));
}
