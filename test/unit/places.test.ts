import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOrgDirectory, orgSchema } from '../../domain/org';
import { matchPlace, townshipOf } from '../../domain/places/match';
import { buildingNumber, normaliseCommunity } from '../../domain/places/normalise';
import { dispatchJurisdiction } from '../../domain/places/queue';
import { buildPlaceIndex } from '../../domain/places/placeIndex';
import { Place } from '../../domain/places/types';
import { startLevelOf } from '../../domain/requests/startLevel';
import { defaultPolicy, repoRoot } from '../support/fixtures';

const policy = defaultPolicy();
const county = orgSchema.parse(
  JSON.parse(readFileSync(join(repoRoot, 'config', 'org.default.json'), 'utf8')),
);
const org = buildOrgDirectory(county, policy);
const ctx = { townshipLevel: 2 };
const match = (place: Place, filerUnit?: string) => matchPlace(place, org, { ...ctx, filerUnit });

describe('addresses and points to grids (domain/places)', () => {
  test('When a building is written in full-width digits, with 号楼, 栋, 幢, 座, # or in Chinese numerals, then its number is read', () => {
    expect(
      [
        '3',
        '３',
        '3号楼',
        '3栋',
        '3幢',
        '3号',
        '3#',
        ' 3 号楼 ',
        '第3栋',
        '三号楼',
        '第十二栋',
        '二十幢',
        '九十九号楼',
        '１５棟',
      ].map(buildingNumber),
    ).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 12, 20, 99, 15]);
    expect(['A座', '', '十十', '3-5'].map(buildingNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('When a community is written with spaces or full-width characters, then it compares equal', () => {
    expect(normaliseCommunity(' 幸福 小区　')).toBe('幸福小区');
    expect(normaliseCommunity('ＡＢ花园')).toBe('AB花园');
  });

  test('When an address names a community and a building in a grid’s range, then it matches that grid', () => {
    expect(match({ community: '幸福小区', building: '3号楼', unit: '2单元' })).toEqual({
      matchedBy: 'address',
      gridId: 'g01',
    });
    expect(match({ community: '幸福小区', building: '12' })).toEqual({ matchedBy: 'address', gridId: 'g01' });
    expect(match({ community: '幸福小区', building: '15栋' })).toEqual({
      matchedBy: 'address',
      gridId: 'g01',
    });
    expect(match({ community: '幸福小区', building: '13' })).toEqual({ matchedBy: 'address', gridId: 'g02' });
    expect(match({ community: '幸 福 小 区', building: '１６幢' })).toEqual({
      matchedBy: 'address',
      gridId: 'g02',
    });
    expect(match({ community: '幸福小区', building: '三十号楼' })).toEqual({
      matchedBy: 'address',
      gridId: 'g02',
    });
    expect(match({ community: '南街小区', building: '8' })).toEqual({ matchedBy: 'address', gridId: 'g05' });
    expect(match({ community: '南街小区', building: '9' })).toEqual({ matchedBy: 'address', gridId: 'g06' });
  });

  test('When a grid claims a whole community, then any building of it, or none, matches that grid', () => {
    expect(match({ community: '东关花园', building: '88号楼' })).toEqual({
      matchedBy: 'address',
      gridId: 'g02',
    });
    expect(match({ community: '西关村二组' })).toEqual({ matchedBy: 'address', gridId: 'g03' });
    expect(match({ community: '河西新村', building: '6' })).toEqual({ matchedBy: 'address', gridId: 'g09' });
  });

  test('When the building is outside every range of its community, or not given where ranges are, then the community’s township takes it', () => {
    expect(match({ community: '幸福小区', building: '31号楼' })).toEqual({
      matchedBy: 'none',
      township: 'township-t01',
    });
    expect(match({ community: '幸福小区' })).toEqual({ matchedBy: 'none', township: 'township-t01' });
    expect(match({ community: '幸福小区', building: 'A座' })).toEqual({
      matchedBy: 'none',
      township: 'township-t01',
    });
    expect(match({ community: '河西新村', building: '7' })).toEqual({
      matchedBy: 'none',
      township: 'township-t02',
    });
  });

  test('When a point falls in a grid’s area, then the point wins over the address', () => {
    expect(match({ point: { lng: 111.702, lat: 35.602 } })).toEqual({ matchedBy: 'point', gridId: 'g01' });
    expect(match({ point: { lng: 111.683, lat: 35.603 }, community: '幸福小区', building: '3' })).toEqual({
      matchedBy: 'point',
      gridId: 'g07',
    });
    expect(match({ point: { lng: 111.673, lat: 35.593 } })).toEqual({ matchedBy: 'point', gridId: 'g10' });
  });

  test('When a point falls in no area, then the address decides', () => {
    expect(match({ point: { lng: 111.75, lat: 35.65 }, community: '南街小区', building: '10号楼' })).toEqual({
      matchedBy: 'address',
      gridId: 'g06',
    });
  });

  test('When the township is named, then it narrows the search, and takes what no grid of it covers', () => {
    expect(match({ township: 'township-t01', community: '幸福小区', building: '2' })).toEqual({
      matchedBy: 'address',
      gridId: 'g01',
    });
    expect(match({ township: 'township-t02', community: '幸福小区', building: '2' })).toEqual({
      matchedBy: 'none',
      township: 'township-t02',
    });
    expect(match({ township: 'township-t02', point: { lng: 111.702, lat: 35.602 } })).toEqual({
      matchedBy: 'none',
      township: 'township-t02',
    });
    expect(match({ township: 'township-t02', community: '无名小区' })).toEqual({
      matchedBy: 'none',
      township: 'township-t02',
    });
  });

  test('When a place is given only as said, then the longest community the directory knows in the text and the building right after it place it', () => {
    expect(match({ text: '山西省示范县 幸福小区３号楼2单元501' })).toEqual({
      matchedBy: 'address',
      gridId: 'g01',
    });
    expect(match({ text: '幸福小区第十六栋' })).toEqual({ matchedBy: 'address', gridId: 'g02' });
    expect(match({ text: '东关花园门口路灯不亮' })).toEqual({ matchedBy: 'address', gridId: 'g02' });
    // 幸福小区 is split between two grids by building: with none said, no one grid takes it.
    expect(match({ text: '幸福小区门口' })).toEqual({ matchedBy: 'none', township: 'township-t01' });
    expect(org.communityIn('去东关花园的路上')).toEqual({ community: '东关花园', after: '的路上' });
    expect(org.communityIn('城东老街口')).toBeUndefined();
  });

  test('When nothing places an unknown address, then the filer’s township takes it, and with no township to tell, nothing does', () => {
    expect(match({ community: '无名小区', building: '1' }, 'grid-g08')).toEqual({
      matchedBy: 'none',
      township: 'township-t02',
    });
    expect(match({ text: '城东老街口' }, 'township-t01')).toEqual({
      matchedBy: 'none',
      township: 'township-t01',
    });
    expect(match({ community: '无名小区' }, 'committee-c01')).toBeUndefined();
    expect(match({ point: { lng: 100, lat: 20 } })).toBeUndefined();
    expect(townshipOf(org, 'village-v04', 2)).toBe('township-t02');
    expect(townshipOf(org, 'nowhere', 2)).toBeUndefined();
  });

  test('When one community name sits in two townships and none is named, then the match is ambiguous and the filer’s township takes it', () => {
    const twice = buildOrgDirectory(
      {
        units: county.units.map((unit) =>
          unit.grid === 'g10'
            ? { ...unit, addresses: [{ community: '幸福小区', buildings: ['1-5'] }] }
            : unit,
        ),
      },
      policy,
    );
    const where = { community: '幸福小区', building: '3' };
    expect(matchPlace(where, twice, { ...ctx, filerUnit: 'grid-g11' })).toEqual({
      matchedBy: 'none',
      township: 'township-t02',
    });
    expect(matchPlace({ ...where, township: 'township-t02' }, twice, ctx)).toEqual({
      matchedBy: 'address',
      gridId: 'g10',
    });
  });

  test('When 2,000 areas are indexed by cell, then a point finds the one it lies in, and a county-wide area holds every point of it', () => {
    const square = (x: number, y: number, size: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ] as [number, number][],
      ],
    });
    const grids = Array.from({ length: 2000 }, (_, i) => ({
      gridId: `g${i}`,
      area: square(100 + (i % 50) * 0.005, 30 + Math.floor(i / 50) * 0.005, 0.005),
    }));
    const index = buildPlaceIndex([...grids, { gridId: 'wide', area: square(90, 20, 30) }]);
    expect(index.gridsAtPoint({ lng: 100.0126, lat: 30.0126 })).toEqual(['g102', 'wide']);
    expect(index.gridsAtPoint({ lng: 95, lat: 25 })).toEqual(['wide']);
  });

  test('When a request waits in a township’s queue, then the township stands in for the rungs below it', () => {
    expect(dispatchJurisdiction(org, 'township-t02', 2, 4)).toEqual([
      'township-t02',
      'township-t02',
      'township-t02',
      'committee-c01',
    ]);
    expect(dispatchJurisdiction(org, 'village-v01', 2, 4)).toBeUndefined();
    expect(dispatchJurisdiction(org, 'nowhere', 2, 4)).toBeUndefined();
  });

  test('When causes name start levels, then the highest wins (the township’s queue over a leaf only above it); none, the grid', () => {
    expect(startLevelOf({})).toBeUndefined();
    expect(startLevelOf({ unmatchedPlace: 2 })).toBe(2);
    expect(startLevelOf({ unmatchedPlace: 2, categoryLeaf: 1 })).toBe(2);
    expect(startLevelOf({ unmatchedPlace: 2, categoryLeaf: 3 })).toBe(3);
    expect(startLevelOf({ categoryLeaf: 0 })).toBe(0);
  });
});
