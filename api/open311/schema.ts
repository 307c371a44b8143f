import { z } from 'zod';
import '../openapi';
import { caseIdParam } from '../caseSchemas';
import { identifier, line, prose } from '../text';
import { clientChannels } from './clients';
import { formats } from './format';

/**
 * GeoReport v2's inputs (http://wiki.open311.org/GeoReport_v2). "Optional" there means an empty
 * parameter is as good as none, so empty values are dropped before validation; every other rule
 * is this API's own (api/text.ts): strict fields, text without control characters, bounded lists.
 */
const withoutEmpty = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined))
    : value;
export const optionalArguments = <T extends z.ZodType>(schema: T) => z.preprocess(withoutEmpty, schema);

/** A resource's `.{format}` suffix, parsed from the path's last segment. */
export const formatParam = z.enum(formats, { error: 'expected the format .xml or .json' });

/** One jurisdiction is served: its id is taken and not needed, as the specification allows. */
const jurisdictionId = line(200).optional();
const locale = z
  .enum(['zh', 'en'])
  .optional()
  .openapi({ description: 'language of service names and labels; zh unless en' });
const serviceCode = identifier(64, 'a service_code');

export const servicesQuery = optionalArguments(
  z.object({ jurisdiction_id: jurisdictionId, locale }).strict(),
);

/** W3C date-time with its time zone (Z or ±hh:mm), as the specification requires. */
const w3Datetime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'expected a W3C date-time with its time zone, e.g. 2010-01-01T00:00:00Z',
  )
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a date that exists');

const commaList = <T extends z.ZodType<unknown, string>>(item: T, max: number, noun: string) =>
  z
    .string()
    .max(max * 70)
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(item).min(1).max(max, `at most ${max} ${noun}`));

export const requestsQuery = optionalArguments(
  z
    .object({
      jurisdiction_id: jurisdictionId,
      locale,
      service_request_id: commaList(caseIdParam('request'), 50, 'service_request_id values').optional(),
      service_code: commaList(serviceCode, 20, 'service codes').optional(),
      start_date: w3Datetime.optional(),
      end_date: w3Datetime.optional(),
      status: commaList(z.enum(['open', 'closed']), 2, 'statuses').optional(),
      /** Paging, this API's own: the specification caps an answer at 1,000 requests */
      page_size: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z
        .string()
        .max(500)
        .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this list gave')
        .optional(),
      /** Some clients send their key on every call: reads take it and need none */
      api_key: z.string().max(200).optional(),
    })
    .strict(),
);

export const readQuery = optionalArguments(
  z.object({ jurisdiction_id: jurisdictionId, locale, api_key: z.string().max(200).optional() }).strict(),
);

export const serviceParams = z.object({ service_code: serviceCode, format: formatParam });
export const requestParams = z.object({ id: caseIdParam('request'), format: formatParam });
export const tokenParams = z.object({ token: caseIdParam('token'), format: formatParam });
export const formatOnly = z.object({ format: formatParam });

const latitude = z.coerce.number().min(-90).max(90);
const longitude = z.coerce.number().min(-180).max(180);

/** An `attribute[code]` answer: one value, or several for a multivaluelist. */
const attributeValue = z.union([line(500), z.array(line(500)).min(1).max(20)]);

/**
 * POST requests.{format}: the fields of the specification, `attribute[code]` answers gathered
 * into `attribute`. A location is lat and long together, address_string or address_id.
 */
export const createRequestFields = optionalArguments(
  z
    .object({
      api_key: z.string().max(200).optional(),
      jurisdiction_id: jurisdictionId,
      service_code: serviceCode,
      lat: latitude.optional(),
      long: longitude.optional(),
      address_string: line(200).optional(),
      address_id: line(100).optional(),
      email: z.email().max(254).optional(),
      device_id: line(200).optional(),
      account_id: line(200).optional(),
      first_name: line(50).optional(),
      last_name: line(50).optional(),
      phone: z
        .string()
        .regex(/^[0-9+\- ]{5,20}$/, 'expected a phone number')
        .optional(),
      description: prose(4000).optional(),
      media_url: z
        .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
        .max(2000)
        .optional(),
      attribute: z
        .record(identifier(64, 'an attribute code'), attributeValue)
        .refine((a) => Object.keys(a).length <= 20, 'at most 20 attributes')
        .optional(),
    })
    .strict()
    .superRefine((f, ctx) => {
      if ((f.lat === undefined) !== (f.long === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [f.lat === undefined ? 'lat' : 'long'],
          message: 'lat and long go together',
        });
      if (f.lat === undefined && !f.address_string && !f.address_id)
        ctx.addIssue({
          code: 'custom',
          path: ['lat'],
          message: 'a location is required: lat and long, address_string or address_id',
        });
    }),
);
export type CreateRequestFields = z.infer<typeof createRequestFields>;

/** The administrator's registration of a client app (/api/v1/open311/clients). */
export const createClientBody = z
  .object({
    name: line(100).openapi({ example: 'FixMyStreet' }),
    channel: z.enum(clientChannels).default('app'),
    township: identifier(100, 'a unit id').optional().openapi({
      description:
        'the township (a unit id) whose dispatch queue takes the app’s reports that no grid covers',
    }),
  })
  .strict()
  .openapi('CreateOpen311Client');

export const clientParams = z.object({
  clientId: z.string().regex(/^o311-[a-f0-9]{12}$/, 'expected an Open311 client id'),
});

export const clientView = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(clientChannels),
    township: z.string().optional(),
    enabled: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
    disabledAt: z.string().optional(),
  })
  .openapi('Open311Client');

export const createdClientView = z
  .object({
    client: clientView,
    apiKey: z.string().openapi({ description: 'shown this once: only its hash is kept' }),
  })
  .openapi('CreatedOpen311Client');

export const clientList = z.object({ items: z.array(clientView) }).openapi('Open311ClientList');
