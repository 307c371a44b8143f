import { z } from 'zod';
import '../openapi';
import { identifier, line } from '../text';

const label = z.object({ zh: z.string(), en: z.string() });

/** Which grid covers a place: a community (and building), or a point, or both; the township narrows. */
export const gridLookupQuery = z
  .object({
    township: identifier(100, 'a unit id').optional(),
    community: line(100).optional().openapi({ example: '幸福小区' }),
    building: line(40).optional().openapi({ example: '3号楼' }),
    lng: z.coerce.number().min(-180).max(180).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.lng === undefined) !== (q.lat === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [q.lng === undefined ? 'lng' : 'lat'],
        message: 'lng and lat go together',
      });
    else if (q.community === undefined && q.lng === undefined)
      ctx.addIssue({ code: 'custom', path: ['community'], message: 'name a community, or lng and lat' });
  });

export const gridLookupView = z
  .object({
    matchedBy: z.enum(['point', 'address', 'none']),
    grid: z.object({ id: z.string(), unit: z.string(), name: label }).optional(),
    township: z
      .object({ id: z.string(), name: label.optional() })
      .optional()
      .openapi({ description: 'when no grid covers the place: the township whose dispatch queue takes it' }),
    responsible: z.object({
      unit: z.string(),
      unitName: label.optional(),
      person: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    }),
  })
  .openapi('GridLookup');
