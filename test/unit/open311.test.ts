import { gatherAttributes } from '../../api/open311/bodies';
import { requesterIdFor, Open311ClientDoc } from '../../api/open311/clients';
import { filingOf, servicesOf } from '../../api/open311/intake';
import { createRequestFields, requestsQuery } from '../../api/open311/schema';
import { requestWindow } from '../../api/open311/window';
import { createRequestBody } from '../../api/requests/schema';
import { CategoryLeaf, CategoryTree } from '../../domain/categories/types';

const leaves: CategoryLeaf[] = [
  {
    code: 'water-outage',
    path: ['urban', 'water', 'water-outage'],
    labels: [
      { zh: '城乡建设', en: 'Urban development' },
      { zh: '供水', en: 'Water supply' },
      { zh: '停水', en: 'Water outage' },
    ],
    slaClass: 'utilities',
    handledBy: 'grid',
  },
  {
    code: 'noise',
    path: ['environment', 'noise'],
    labels: [
      { zh: '环境保护', en: 'Environment' },
      { zh: '噪声', en: 'Noise' },
    ],
    slaClass: 'general',
    handledBy: 'grid',
  },
];
const tree: CategoryTree = {
  version: 'test',
  roots: [],
  leaves,
  leaf: (code) => leaves.find((l) => l.code === code),
  node: () => undefined,
};
const client: Open311ClientDoc = {
  _id: 'o311-aaaaaaaaaaaa',
  name: 'FixMyStreet',
  channel: 'web',
  keyHash: '00',
  requesterSalt: 'salt',
  enabled: true,
  createdAt: '2026-11-30T00:00:00.000Z',
  createdBy: 'admin-1',
};

/** The specification's POST example, as its form body, with our service code. */
const specExample =
  'api_key=xyz&jurisdiction_id=city.gov&service_code=water-outage&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001';
const form = (body: string) => gatherAttributes(Object.fromEntries(new URLSearchParams(body)));

describe('Open311 GeoReport v2 mapped onto the category tree and the filing', () => {
  test('When services are listed, then each leaf is a realtime service without metadata, named in the locale asked for', () => {
    expect(servicesOf(tree, 'zh')[0]).toEqual({
      service_code: 'water-outage',
      service_name: '停水',
      description: '城乡建设 › 供水 › 停水',
      metadata: false,
      type: 'realtime',
      keywords: '城乡建设, Urban development, 供水, Water supply, 停水, Water outage',
      group: '城乡建设',
    });
    expect(servicesOf(tree, 'en')[1]).toMatchObject({
      service_code: 'noise',
      service_name: 'Noise',
      description: 'Environment › Noise',
      group: 'Environment',
    });
  });

  test('When the specification’s POST example is parsed, then every field is taken, attributes gathered, lat and long numbers', () => {
    const fields = createRequestFields.parse(form(specExample));
    expect(fields).toEqual({
      api_key: 'xyz',
      jurisdiction_id: 'city.gov',
      service_code: 'water-outage',
      lat: 37.76524078,
      long: -122.4212043,
      address_string: '1234 5th street',
      email: 'smit333@sfgov.edu',
      device_id: 'tt222111',
      account_id: '123456',
      first_name: 'john',
      last_name: 'smith',
      phone: '111111111',
      description: 'A large sinkhole is destroying the street',
      media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      attribute: { WHISPAWN: '123456', WHISDORN: 'COISL001' },
    });
  });

  test('When it becomes a filing, then the requester is a hash of the account, never the email or number, and the place is the point and the address', () => {
    const fields = createRequestFields.parse(form(specExample));
    const filing = filingOf(fields, leaves[0], client);
    expect(filing).toEqual({
      channel: 'web',
      category: 'water-outage',
      urgency: 'normal',
      title: 'A large sinkhole is destroying the street',
      description:
        'A large sinkhole is destroying the street\n\n附加信息 attributes:\nWHISPAWN: 123456\nWHISDORN: COISL001',
      requester: {
        id: requesterIdFor(client, { account_id: '123456' }),
        name: 'john smith',
        phone: '111111111',
      },
      place: { point: { lat: 37.76524078, lng: -122.4212043 }, text: '1234 5th street' },
      mediaUrl: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      major: false,
    });
    expect(filing.requester.id).toMatch(/^o311-aaaaaaaaaaaa-[0-9a-f]{24}$/);
    expect(filing.requester.id).not.toContain('123456');
    expect(requesterIdFor(client, { email: 'A@B.cn' })).toBe(requesterIdFor(client, { email: 'a@b.cn' }));
    expect(requesterIdFor(client, { email: 'a@b.cn' })).not.toBe(
      requesterIdFor({ ...client, requesterSalt: 'other' }, { email: 'a@b.cn' }),
    );
    const { place: _place, ...rest } = filing;
    expect(createRequestBody.safeParse({ ...rest, gridId: 'g01' }).error).toBeUndefined();
  });

  test('When a filing has no description and no name, then the service names it and the requester is anonymous', () => {
    const fields = createRequestFields.parse({ service_code: 'noise', address_string: '幸福小区3号楼' });
    expect(filingOf(fields, leaves[1], client)).toMatchObject({
      title: '噪声',
      description: '环境保护 › 噪声',
      requester: { name: '匿名 anonymous' },
      place: { text: '幸福小区3号楼' },
    });
  });

  test('When a location is missing, lat comes without long, or a field is unknown or ill-formed, then each problem is named', () => {
    const problems = (body: Record<string, unknown>) =>
      createRequestFields.safeParse(body).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(problems({ service_code: 'noise' })).toEqual([
      ['lat', 'a location is required: lat and long, address_string or address_id'],
    ]);
    expect(problems({ service_code: 'noise', lat: '30' })).toEqual([['long', 'lat and long go together']]);
    expect(
      problems({
        service_code: 'noise',
        address_id: '1',
        description: 'a\u0000b',
        media_url: 'javascript:x',
        $where: 1,
      }),
    ).toEqual([
      ['description', 'holds a control character: U+0000 at position 1'],
      ['media_url', 'expected an http or https URL'],
      ['', 'Unrecognized key: "$where"'],
    ]);
    // Optional arguments: an empty one is as good as none.
    expect(
      createRequestFields.parse({ service_code: 'noise', address_id: '7', email: '', lat: '', long: '' }),
    ).toEqual({
      service_code: 'noise',
      address_id: '7',
    });
  });

  test('When form keys name attributes, then they are gathered, a multivaluelist’s `[]` as a list', () => {
    expect(
      gatherAttributes({
        service_code: 'a',
        'attribute[x]': '1',
        'attribute[y][]': ['2', '3'],
        'attribute[z][]': '4',
      }),
    ).toEqual({ service_code: 'a', attribute: { x: '1', y: ['2', '3'], z: ['4'] } });
  });

  test('When GET requests names its range, then it spans at most 90 days, the last 90 by default', () => {
    const now = Date.parse('2026-11-30T08:00:00Z');
    expect(requestWindow(undefined, undefined, now)).toEqual({
      start: '2026-09-01T08:00:00.000Z',
      end: '2026-11-30T08:00:00.000Z',
      fromDay: '2026-09-01',
      toDay: '2026-11-30',
    });
    expect(requestWindow('2010-05-24T00:00:00Z', '2010-06-24T00:00:00Z', now)).toMatchObject({
      fromDay: '2010-05-24',
      toDay: '2010-06-24',
    });
    expect(() => requestWindow('2010-01-01T00:00:00Z', '2010-06-24T00:00:00Z', now)).toThrow(
      'the range may not span more than 90 days',
    );
    expect(requestsQuery.safeParse({ start_date: '2010-05-24' }).error?.issues[0].message).toBe(
      'expected a W3C date-time with its time zone, e.g. 2010-01-01T00:00:00Z',
    );
    expect(requestsQuery.parse({ service_request_id: 'a1, b2', status: 'open,closed' })).toMatchObject({
      service_request_id: ['a1', 'b2'],
      status: ['open', 'closed'],
      page_size: 50,
    });
  });
});
