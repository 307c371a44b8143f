import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrgUnitDoc } from '../../directory/models';
import { orgOfUnits } from '../../directory/live';
import { assignmentProblems, unitProblems } from '../../directory/rules';
import { buildOrgDirectory, orgSchema } from '../../domain/org';
import { defaultPolicy, repoRoot } from '../support/fixtures';

const policy = defaultPolicy();
const county = orgSchema.parse(
  JSON.parse(readFileSync(join(repoRoot, 'config', 'org.default.json'), 'utf8')),
);
const units = new Map<string, OrgUnitDoc>(county.units.map(({ id, ...unit }) => [id, { _id: id, ...unit }]));
const name = { zh: '新', en: 'new' };

describe('the org tree: where a unit may sit', () => {
  test('When the demo county is built, then it has 1 committee, 2 townships, 5 villages and 12 grids, each grid climbing the ladder', () => {
    const org = buildOrgDirectory(orgOfUnits([...units.values()]), policy);
    expect([0, 1, 2, 3].map((level) => org.unitsAt(level).length)).toEqual([12, 5, 2, 1]);
    expect(org.jurisdictionOf('g12')).toEqual(['grid-g12', 'village-v05', 'township-t02', 'committee-c01']);
    expect(org.jurisdictionOf('g01')).toEqual(['grid-g01', 'village-v01', 'township-t01', 'committee-c01']);
  });

  test('When the demo county is checked unit by unit, then every grid covers addresses and none overlaps another', () => {
    const grids = [...units.values()].filter((unit) => unit.grid);
    expect(grids.filter((unit) => !unit.addresses?.length)).toEqual([]);
    expect(grids.filter((unit) => unit.area).length).toBeGreaterThanOrEqual(5);
    expect([...units.values()].flatMap((unit) => unitProblems(unit, units, policy))).toEqual([]);
  });

  test('When a unit sits one rung below an existing parent, then nothing is wrong with it', () => {
    expect(
      unitProblems({ _id: 'village-v06', level: 'village', parent: 'township-t02', name }, units, policy),
    ).toEqual([]);
    expect(
      unitProblems(
        { _id: 'grid-g13', level: 'grid', parent: 'village-v05', grid: 'g13', name },
        units,
        policy,
      ),
    ).toEqual([]);
  });

  test('When a unit skips a rung, names no parent, or a parent at the top, then each problem names its field', () => {
    expect(
      unitProblems({ _id: 'grid-x', level: 'grid', parent: 'township-t01', grid: 'gx', name }, units, policy),
    ).toEqual([
      {
        field: 'body.parent',
        message: "township-t01 is a township unit; a grid unit's parent is a village unit",
      },
    ]);
    expect(unitProblems({ _id: 'village-x', level: 'village', name }, units, policy)).toEqual([
      { field: 'body.parent', message: 'required' },
    ]);
    expect(
      unitProblems({ _id: 'committee-x', level: 'committee', parent: 'committee-c01', name }, units, policy),
    ).toEqual([{ field: 'body.parent', message: 'a committee unit has no parent' }]);
    expect(
      unitProblems(
        { _id: 'village-x', level: 'village', parent: 'township-t01', grid: 'g99', name },
        units,
        policy,
      ),
    ).toEqual([{ field: 'body.grid', message: 'only grid units name a grid' }]);
  });

  test('When an assignment names a unit the directory lacks, then its index and field are named', () => {
    expect(
      assignmentProblems(
        [
          { role: 'grid_member', unit: 'grid-g01' },
          { role: 'unit_leader', unit: 'village-v99' },
        ],
        (unit) => units.has(unit),
      ),
    ).toEqual([{ field: 'body.assignments.1.unit', message: 'unknown unit village-v99' }]);
  });

  test('When a grid claims buildings another grid of its township holds, or names a community twice, then the address is named', () => {
    const grid = (addresses: { community: string; buildings?: string[] }[]) =>
      unitProblems(
        { _id: 'grid-g13', level: 'grid', parent: 'village-v01', grid: 'g13', name, addresses },
        units,
        policy,
      );
    expect(grid([{ community: '幸福小区', buildings: ['31-40'] }, { community: '新村' }])).toEqual([]);
    expect(grid([{ community: '幸福 小区', buildings: ['30-31'] }])).toEqual([
      { field: 'body.addresses.0.buildings', message: "幸福 小区: buildings overlap grid-g02's" },
    ]);
    expect(grid([{ community: '东关花园', buildings: ['1'] }])).toEqual([
      { field: 'body.addresses.0.buildings', message: "东关花园: buildings overlap grid-g02's" },
    ]);
    expect(grid([{ community: '新村' }, { community: '新村', buildings: ['1'] }])).toEqual([
      { field: 'body.addresses.1.community', message: '新村 is named twice' },
    ]);
    expect(
      unitProblems(
        {
          _id: 'grid-g13',
          level: 'grid',
          parent: 'village-v05',
          grid: 'g13',
          name,
          addresses: [{ community: '幸福小区' }],
        },
        units,
        policy,
      ),
    ).toEqual([]);
  });

  test('When a unit above the grids names addresses or an area, then each field is refused', () => {
    const area = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 1],
        ] as [number, number][],
      ],
    };
    expect(
      unitProblems(
        {
          _id: 'village-v06',
          level: 'village',
          parent: 'township-t02',
          name,
          addresses: [{ community: '新村' }],
          area,
        },
        units,
        policy,
      ),
    ).toEqual([
      { field: 'body.addresses', message: 'only grid units cover addresses and areas' },
      { field: 'body.area', message: 'only grid units cover addresses and areas' },
    ]);
  });
});
