import { Actor } from '../../domain/actors';
import { OrgDirectory } from '../../domain/org';
import { matchPlace, townshipLevel, townshipOf } from '../../domain/places/match';
import { dispatchJurisdiction } from '../../domain/places/queue';
import { Place } from '../../domain/places/types';
import { Policy } from '../../domain/policy/policy';
import { RequestSubmission } from '../../domain/requests/state';
import { StartLevelCauses } from '../../domain/requests/startLevel';
import { invalidField } from '../errors';

/** Where a filing lands: its grid and jurisdiction, or a township's dispatch queue and why it starts there. */
export type FilingPlace = Pick<RequestSubmission, 'gridId' | 'jurisdiction' | 'addressUnmatched'> & {
  startLevels: StartLevelCauses;
};

/**
 * The grid a filing names, or the one its place lies in (domain/places/match.ts); a place no grid
 * covers goes to its township's dispatch queue, flagged. 400 naming the field when the grid or
 * township is unknown, or when no township can be told for an unmatched place.
 */
export function filingPlaceOf(
  org: OrgDirectory,
  policy: Policy,
  body: { place?: Place; gridId?: string },
  filer: Actor,
): FilingPlace {
  if (body.gridId !== undefined) {
    const jurisdiction = org.jurisdictionOf(body.gridId);
    if (!jurisdiction) throw invalidField('body.gridId', `unknown grid ${body.gridId}`);
    return { gridId: body.gridId, jurisdiction, startLevels: {} };
  }
  const place = body.place!;
  const level = townshipLevel(policy.ladder.length);
  if (place.township !== undefined && org.levelOf(place.township) !== level)
    throw invalidField('body.place.township', `${place.township} is not a ${policy.ladder[level].id} unit`);
  const match = matchPlace(place, org, { townshipLevel: level, filerUnit: filer.unit });
  if (!match)
    throw invalidField(
      'body.place',
      `no grid covers this place and no ${policy.ladder[level].id} can be told: name place.township`,
    );
  if (match.matchedBy !== 'none')
    return { gridId: match.gridId, jurisdiction: org.jurisdictionOf(match.gridId)!, startLevels: {} };
  return {
    gridId: '',
    jurisdiction: dispatchJurisdiction(org, match.township, level, policy.ladder.length)!,
    addressUnmatched: true,
    startLevels: { unmatchedPlace: level },
  };
}

/**
 * The units whose staff may file it (domain/access/rules.ts checkFiling): its jurisdiction, and for
 * a place no grid covers, also the staff below the township whose queue takes it, as they report
 * what they find in their township.
 */
export function filingUnits(org: OrgDirectory, policy: Policy, where: FilingPlace, filer: Actor): string[] {
  const level = townshipLevel(policy.ladder.length);
  const ownQueue = where.addressUnmatched && townshipOf(org, filer.unit, level) === where.jurisdiction[level];
  return ownQueue ? [filer.unit, ...where.jurisdiction] : where.jurisdiction;
}
