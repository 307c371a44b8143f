import { z } from 'zod';
import { roles } from '../../domain/actors';
import { buildingRangeSchema, polygonSchema } from '../../domain/places/gridPlaces';
import '../openapi';
import { identifier, line, secret } from '../text';

const id = identifier(100);
const name = z.object({ zh: line(100), en: line(100) }).strict();

const addresses = z
  .array(
    z
      .object({
        community: line(100).openapi({ example: '幸福小区' }),
        buildings: z
          .array(buildingRangeSchema)
          .min(1)
          .max(200)
          .optional()
          .openapi({
            description: 'numbers and ranges, e.g. ["1-12", "15"]; none: the whole community',
            example: ['1-12', '15'],
          }),
      })
      .strict(),
  )
  .min(1)
  .max(100)
  .openapi({ description: 'grid units only: the communities (and their buildings) the grid covers' });
const area = polygonSchema.meta({
  description: 'grid units only: a GeoJSON Polygon in lng/lat (WGS 84), each ring closed',
});

export const unitParams = z.object({ id });
export const personParams = z.object({ id });

export const unitView = z
  .object({
    id: z.string(),
    level: z.string(),
    parent: z.string().optional(),
    grid: z.string().optional(),
    name,
    addresses: addresses.optional(),
    area: area.optional(),
  })
  .openapi('OrgUnit');
export const unitList = z.object({ items: z.array(unitView) }).openapi('OrgUnitList');

export const createUnitBody = z
  .object({
    id,
    level: line(40).openapi({
      description: 'a rung of the policy ladder: grid, village, township, committee',
    }),
    parent: id.optional().openapi({ description: 'the unit one rung up; none at the top' }),
    grid: id.optional().openapi({ description: 'grid units only: the grid id requests are filed under' }),
    name,
    addresses: addresses.optional(),
    area: area.optional(),
  })
  .strict();
export const updateUnitBody = z
  .object({
    parent: id.optional(),
    name: name.optional(),
    addresses: addresses.optional(),
    area: area.optional(),
  })
  .strict()
  .openapi({
    description:
      'a unit keeps its id, level and grid; it may move under another parent one rung up; addresses and area, when given, replace the grid’s',
  });

export const assignment = z.object({ role: z.enum(roles), unit: id }).strict();
export const assignmentView = z.object({
  role: z.enum(roles),
  roleLabel: z.object({ zh: z.string(), en: z.string() }),
  unit: z.string(),
  unitName: name.optional(),
});

export const personView = z
  .object({
    id: z.string(),
    name: z.string(),
    assignments: z.array(assignmentView),
    username: z.string().optional(),
    disabled: z.boolean(),
  })
  .openapi('OrgPerson');
export const peopleQuery = z
  .object({
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    cursor: id.optional().openapi({ description: "the page before's `next`" }),
  })
  .strict();
export const peoplePage = z
  .object({ items: z.array(personView), pageSize: z.number(), next: z.string().optional() })
  .openapi('OrgPeoplePage');

export const createPersonBody = z
  .object({
    id,
    name: line(100),
    assignments: z.array(assignment).min(1).max(20),
    login: z
      .object({ username: id, password: secret(8, 200) })
      .strict()
      .optional()
      .openapi({ description: 'a password login for the built-in issuer (an OIDC provider needs none)' }),
  })
  .strict();
export const assignmentsBody = z.object({ assignments: z.array(assignment).min(1).max(20) }).strict();
/** Disabling takes no fields; an empty object or no body at all. */
export const disableBody = z.object({}).strict();
