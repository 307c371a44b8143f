import { z } from 'zod';
import { buildingRangePattern, parseBuildingRange } from './ranges';

/**
 * What a grid unit of the org directory covers: address ranges (a community, and its buildings
 * as numbers and ranges; none listed means all of it) and optionally an area, a GeoJSON Polygon
 * in lng/lat (WGS 84). The admin API validates them with these schemas, the directory builds
 * its place index from them.
 */
export const buildingRangeSchema = z
  .string()
  .regex(buildingRangePattern, 'expected a building number or range, e.g. 7 or 1-12')
  .refine((entry) => parseBuildingRange(entry) !== undefined, 'a range runs from the lower number up');

export const gridAddressSchema = z
  .object({
    community: z.string().trim().min(1).max(100),
    buildings: z.array(buildingRangeSchema).min(1).max(200).optional(),
  })
  .strict();
export type GridAddress = z.infer<typeof gridAddressSchema>;

/** [lng, lat]; an array rather than a tuple, so that the OpenAPI document describes it with `items`. */
const position = z
  .array(z.number())
  .length(2, 'a position is [lng, lat]')
  .refine(
    ([lng, lat]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90,
    'lng lies within ±180 and lat within ±90',
  );

/** A linear ring: at least four positions, the last the same as the first. */
const ring = z
  .array(position)
  .min(4, 'a ring has at least 4 positions')
  .max(10_000)
  .refine((r) => r.length < 4 || (r[0][0] === r.at(-1)![0] && r[0][1] === r.at(-1)![1]), {
    message: 'a ring is closed: its last position repeats its first',
  });

export const polygonSchema = z
  .object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(50) })
  .strict();
export type GridArea = z.infer<typeof polygonSchema>;
