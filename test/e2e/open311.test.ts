import { XMLParser } from 'fast-xml-parser';
import { runCli } from '../support/auditCli';
import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';
import { open311Place } from '../support/open311';

/**
 * GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over HTTP against the real dev server and
 * FerretDB: requests shaped as the specification's examples (its services list, its POST with
 * lat/long and address_string, its GET requests with a date range and a status), answers checked
 * field by field against its tables: names, order, types, XML roots and elements, content types.
 */
const e2e = useE2eSystem();
const { http } = e2e;
const administrator = { id: 'admin-1', role: 'administrator', unit: 'it' };

const xml = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ['service', 'request', 'error'].includes(name),
});
const declaration = '<?xml version="1.0" encoding="utf-8"?>\n';

async function call(
  method: string,
  path: string,
  body?: string,
  type = 'application/x-www-form-urlencoded; charset=utf-8',
) {
  const res = await fetch(`${e2e.system.url}/open311/v2${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body,
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type');
  return {
    status: res.status,
    contentType,
    headers: res.headers,
    text,
    body: contentType?.startsWith('application/json')
      ? JSON.parse(text)
      : contentType?.startsWith('text/xml')
        ? xml.parse(text)
        : text,
  };
}

/** The fields of a service, in the order of the specification's table. */
const serviceFields = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
];
/** The fields of a service request in GET requests, in the order of the specification's table and example. */
const requestFields = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const w3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let apiKey: string;
let clientId: string;
let serviceCode: string;

/** The specification's POST example, with this jurisdiction's service code, key and place. */
function specExample(overrides: Record<string, string> = {}): string {
  const place = open311Place();
  const fields: Record<string, string> = {
    api_key: apiKey,
    jurisdiction_id: 'city.gov',
    service_code: serviceCode,
    lat: String(place.lat),
    long: String(place.long),
    address_string: place.address_string,
    email: 'smit333@sfgov.edu',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'john',
    last_name: 'smith',
    phone: '111111111',
    description: 'A large sinkhole is destroying the street',
    media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
    'attribute[WHISPAWN]': '123456',
    'attribute[WHISDORN]': 'COISL001',
    ...overrides,
  };
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
    .join('&');
}

beforeAll(async () => {
  const created = await http.post('/open311/clients', { name: 'FixMyStreet', channel: 'web' }, administrator);
  expect(created.status).toBe(201);
  ({ apiKey } = created.body);
  clientId = created.body.client.id;
  const services = await call('GET', '/services.json');
  serviceCode = services.body[0].service_code;
}, 60_000);

describe('Open311 GeoReport v2 against the specification’s examples', () => {
  test('When services.xml and services.json are asked for, then each leaf of the category tree is a service as the specification lists it', async () => {
    const asXml = await call('GET', '/services.xml?jurisdiction_id=city.gov');
    expect(asXml.status).toBe(200);
    expect(asXml.contentType).toBe('text/xml; charset=utf-8');
    expect(asXml.text.startsWith(declaration)).toBe(true);
    expect(Object.keys(asXml.body)).toEqual(['services']);
    const services = asXml.body.services.service as Record<string, string>[];
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      expect(Object.keys(service)).toEqual(serviceFields);
      expect(service).toMatchObject({ metadata: 'false', type: 'realtime' });
    }

    const asJson = await call('GET', '/services.json');
    expect(asJson.contentType).toBe('application/json; charset=utf-8');
    expect(asJson.body.map((s: { service_code: string }) => s.service_code)).toEqual(
      services.map((s) => s.service_code),
    );
    for (const service of asJson.body) {
      expect(Object.keys(service)).toEqual(serviceFields);
      expect(service).toEqual({
        service_code: expect.any(String),
        service_name: expect.any(String),
        description: expect.stringContaining(' › '),
        metadata: false,
        type: 'realtime',
        keywords: expect.any(String),
        group: expect.any(String),
      });
    }
    const english = await call('GET', '/services.json?locale=en');
    expect(english.body[0].service_name).not.toBe(asJson.body[0].service_name);
    expect(english.body[0].service_name).toMatch(/^[\x20-\x7e]+$/);

    const definition = await call('GET', `/services/${serviceCode}.xml?jurisdiction_id=city.gov`);
    expect(definition.status).toBe(200);
    expect(definition.body).toEqual({ service_definition: { service_code: serviceCode, attributes: '' } });
    expect((await call('GET', `/services/${serviceCode}.json`)).body).toEqual({
      service_code: serviceCode,
      attributes: [],
    });
  });

  test('When the specification’s POST example is sent as a form, then it is filed by the client app at once, and reads back as GET requests shows it', async () => {
    const posted = await call('POST', '/requests.xml', specExample());
    expect(posted.status).toBe(201);
    expect(posted.contentType).toBe('text/xml; charset=utf-8');
    expect(posted.text.startsWith(declaration)).toBe(true);
    const [answer] = posted.body.service_requests.request;
    expect(Object.keys(answer)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(answer.account_id).toBe('123456');
    expect(answer.service_notice).toMatch(/due by/);
    const id: string = answer.service_request_id;

    const one = await call('GET', `/requests/${id}.json?jurisdiction_id=city.gov`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    const [request] = one.body;
    expect(Object.keys(request)).toEqual(requestFields);
    const place = open311Place();
    expect(request).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: '已点单',
      service_name: expect.any(String),
      service_code: serviceCode,
      description: expect.stringContaining('A large sinkhole is destroying the street'),
      agency_responsible: expect.any(String),
      service_notice: null,
      requested_datetime: expect.stringMatching(w3),
      updated_datetime: expect.stringMatching(w3),
      expected_datetime: expect.stringMatching(w3),
      address: place.address_string,
      address_id: null,
      zipcode: null,
      lat: place.lat,
      long: place.long,
      media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
    });
    // No personal data in a read without a key.
    for (const personal of ['smit333', 'sfgov.edu', '111111111', 'john', 'smith', 'tt222111'])
      expect(one.text).not.toContain(personal);

    const token = await call('GET', `/tokens/${id}.xml`);
    expect(token.body).toEqual({ service_requests: { request: [{ service_request_id: id, token: id }] } });

    // Filed by the app, for a requester its hash names: the case and the action log say so.
    const filed = await http.get(`/requests/${id}`, actors.auditor);
    expect(filed.body).toMatchObject({
      channel: 'web',
      classification: { code: serviceCode },
      mediaUrl: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      requester: { id: expect.stringMatching(new RegExp(`^${clientId}-[0-9a-f]{24}$`)), name: 'john smith' },
    });
    await eventually(async () => {
      const log = await http.get(`/audit/actions?target=request-${id}`, actors.auditor);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          actor: { id: `open311:${clientId}`, role: 'hotline_operator', unit: 'open311' },
          action: 'POST /open311/v2/requests.:format',
          outcome: { status: 201 },
        }),
      ]);
    });
  });

  test('When a request is filed as JSON and GET requests asks as the specification’s example does, then it is listed with the others of its range and status', async () => {
    const place = open311Place();
    const posted = await call(
      'POST',
      '/requests.json',
      JSON.stringify({
        api_key: apiKey,
        service_code: serviceCode,
        lat: place.lat,
        long: place.long,
        description: '路面塌陷 road caved in',
      }),
      'application/json',
    );
    expect(posted.status).toBe(201);
    expect(posted.contentType).toBe('application/json; charset=utf-8');
    const [{ service_request_id: id, account_id }] = posted.body;
    expect(account_id).toBeNull();
    const hotline = await http.post(
      '/requests',
      {
        channel: 'hotline',
        category: serviceCode,
        title: '楼道灯坏了',
        description: '张三 13800000000 家门口',
        requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
        ...open311Place().filing,
      },
      actors.resident,
    );
    expect(hotline.status).toBe(201);

    const start = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const end = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const query = `start_date=${start}&end_date=${end}&status=open&jurisdiction_id=city.gov`;
    await eventually(async () => {
      const listed = await call('GET', `/requests.xml?${query}`);
      expect(listed.status).toBe(200);
      expect(listed.contentType).toBe('text/xml; charset=utf-8');
      const items = listed.body.service_requests.request as Record<string, string>[];
      expect(items.map((r) => r.service_request_id)).toEqual(expect.arrayContaining([id, hotline.body.id]));
      for (const item of items) {
        expect(Object.keys(item)).toEqual(requestFields);
        expect(item.status).toBe('open');
      }
      // A hotline caller's words and place are not public: its title stands for them.
      expect(items.find((r) => r.service_request_id === hotline.body.id)).toMatchObject({
        description: '楼道灯坏了',
        lat: '',
        long: '',
        address: '',
      });
      expect(listed.text).not.toContain('13800000000');
    });
    const closed = await call('GET', `/requests.json?start_date=${start}&end_date=${end}&status=closed`);
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    const byId = await call('GET', `/requests.json?service_request_id=${id},${hotline.body.id}`);
    expect(byId.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      [id, hotline.body.id].sort(),
    );
    const paged = await call('GET', `/requests.json?${query}&page_size=1`);
    expect(paged.body.length).toBeLessThanOrEqual(1);
    expect(paged.headers.get('link')).toMatch(/cursor=[A-Za-z0-9_-]+.*rel="next"/);
  });

  test('When a report lies in no grid, then it waits in its app’s township’s dispatch queue; an app without a township is told so', async () => {
    const outside = { lat: '35.0', long: '111.0', address_string: '城外小路' };
    const refused = await call('POST', '/requests.json', specExample(outside));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual([
      { code: 400, description: expect.stringMatching(/^body\.place: no grid covers this place/) },
    ]);

    const township = await http.post(
      '/open311/clients',
      { name: 'Chengguan app', township: 'township-t01' },
      administrator,
    );
    expect(township.body.client).toMatchObject({ township: 'township-t01', channel: 'app' });
    const queued = await call(
      'POST',
      '/requests.json',
      specExample({ ...outside, api_key: township.body.apiKey }),
    );
    expect(queued.status).toBe(201);
    const [read] = (await call('GET', `/requests/${queued.body[0].service_request_id}.json`)).body;
    expect(read).toMatchObject({
      status: 'open',
      agency_responsible: '城关街道',
      lat: 35,
      long: 111,
      address: '城外小路',
    });
    const notTownship = await http.post(
      '/open311/clients',
      { name: 'x', township: 'village-v01' },
      administrator,
    );
    expect(notTownship.status).toBe(400);
    expect(notTownship.body.detail).toBe('body.township: village-v01 is not a township unit');
  });

  test('When the api_key is wrong, missing or disabled, then 403 in the specification’s error format', async () => {
    const wrong = await call(
      'POST',
      '/requests.xml',
      specExample({ api_key: `${clientId}.${'x'.repeat(43)}` }),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.contentType).toBe('text/xml; charset=utf-8');
    expect(wrong.body).toEqual({
      errors: {
        error: [
          { code: '403', description: 'Invalid api_key received -- can’t proceed with create_request' },
        ],
      },
    });
    const missing = await call('POST', '/requests.json', specExample().replace(/^api_key=[^&]*&/, ''));
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual([
      { code: 403, description: 'api_key missing -- can’t proceed with create_request' },
    ]);

    const other = await http.post('/open311/clients', { name: 'Old app' }, administrator);
    const disabled = await http.post(`/open311/clients/${other.body.client.id}/disable`, {}, administrator);
    expect(disabled.body).toMatchObject({ enabled: false, disabledAt: expect.any(String) });
    expect((await call('POST', '/requests.json', specExample({ api_key: other.body.apiKey }))).status).toBe(
      403,
    );
    const listed = await http.get('/open311/clients', administrator);
    expect(listed.body.items.map((c: { id: string; enabled: boolean }) => [c.id, c.enabled])).toEqual(
      expect.arrayContaining([
        [clientId, true],
        [other.body.client.id, false],
      ]),
    );
    expect(JSON.stringify(listed.body)).not.toContain(apiKey.split('.')[1]);
  });

  test('When `npm run open311 -- add-client` registers an app, then the key it prints once files, until `disable-client`', async () => {
    const env = { MONGODB_URI: e2e.system.mongoUri };
    const added = await runCli('scripts/open311.ts', ['add-client', 'City app', '--channel', 'app'], env);
    expect(added.code).toBe(0);
    const key = added.stdout.trim();
    const [id] = key.split('.');
    expect(added.stderr).toBe(`client ${id} (City app, channel app); its api_key, shown this once:\n`);
    expect((await call('POST', '/requests.json', specExample({ api_key: key }))).status).toBe(201);
    expect((await runCli('scripts/open311.ts', ['list-clients'], env)).stdout).toContain(
      `${id}\tenabled\tapp\tCity app\n`,
    );
    expect(await runCli('scripts/open311.ts', ['disable-client', id], env)).toMatchObject({ code: 0 });
    expect((await call('POST', '/requests.json', specExample({ api_key: key }))).status).toBe(403);
    expect(await runCli('scripts/open311.ts', ['disable-client', 'o311-000000000000'], env)).toMatchObject({
      code: 2,
      stderr: 'o311-000000000000 is not an Open311 client\n',
    });
  });

  test('When a filing is bad in several ways, a service or request is unknown, or the body is not a form, then each problem is an error of its own under 400, 404 or 415', async () => {
    const bad = await call(
      'POST',
      '/requests.json',
      specExample({
        lat: '',
        long: '',
        address_string: '',
        phone: 'call me',
        'attribute[WHISPAWN]': 'a\u0000b',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual([
      { code: 400, description: 'body.phone: expected a phone number' },
      { code: 400, description: 'body.attribute.WHISPAWN: holds a control character: U+0000 at position 1' },
      {
        code: 400,
        description: 'body.lat: a location is required: lat and long, address_string or address_id',
      },
    ]);
    const unknownService = await call(
      'POST',
      '/requests.xml',
      specExample({ service_code: 'no-such-service' }),
    );
    expect(unknownService.status).toBe(404);
    expect(unknownService.body).toEqual({
      errors: { error: [{ code: '404', description: 'service_code no-such-service not found' }] },
    });
    expect((await call('GET', '/services/no-such-service.json')).status).toBe(404);
    expect((await call('GET', '/requests/no-such-request.json')).body).toEqual([
      { code: 404, description: 'request no-such-request not found' },
    ]);
    expect((await call('GET', '/tokens/no-such-token.json')).body).toEqual([
      { code: 404, description: 'token no-such-token not found' },
    ]);
    const unknownParam = await call('GET', '/requests.json?status=pending&sort=asc');
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.map((e: { description: string }) => e.description)).toEqual([
      expect.stringMatching(/^query\.status/),
      'query: Unrecognized key: "sort"',
    ]);
    const text = await call('POST', '/requests.xml', 'hello', 'text/plain');
    expect(text.status).toBe(415);
    expect(text.body.errors.error[0].code).toBe('415');
    expect((await call('GET', '/services.yaml')).status).toBe(400);
    const huge = await call('POST', '/requests.json', specExample({ description: 'x'.repeat(300 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual([{ code: 413, description: expect.stringContaining('larger than') }]);
  });
});
