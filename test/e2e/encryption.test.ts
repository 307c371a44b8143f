import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { archiveCase } from '../../audit/archiveSweep';
import { readArchive } from '../../audit/archive';
import { fetchCaseHistory } from '../../audit/history';
import { requestWorkflowId } from '../../common/requests';
import { actors } from '../support/fixtures';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

/** A resident no other test files: whatever carries these strings carries this resident. */
const resident = {
  id: 'resident-1',
  name: '司马懿德',
  phone: '13987651234',
  address: '朝阳区幸福小区7栋3单元902',
};

/** Every form the strings could take in bytes: UTF-8, and JSON's \u escapes. */
function forms(value: string): Buffer[] {
  const escaped = JSON.stringify(value)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [
    Buffer.from(value, 'utf8'),
    Buffer.from(escaped, 'utf8'),
    Buffer.from(escaped.toUpperCase(), 'utf8'),
  ];
}
const personal = [resident.name, resident.phone, resident.address];
/** What of the resident's data `bytes` holds, in any form. */
const found = (bytes: Buffer) =>
  personal.filter((value) => forms(value).some((form) => bytes.includes(form)));

/** The history as Temporal's server holds and serves it: no codec on this side. */
async function rawHistory(workflowId: string) {
  const { temporalAddress, namespace } = e2e.system;
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const bare = new Client({ connection, namespace });
    const { history } = await bare.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId },
    });
    return proto.api.history.v1.History.create(history!);
  } finally {
    await connection.close();
  }
}

describe("residents' data encrypted in Temporal and in archives", () => {
  let id = '';
  let workflowId = '';

  beforeAll(async () => {
    const filed = await http.post(
      '/requests',
      {
        channel: 'hotline',
        category: 'general',
        title: '楼道堆放杂物 clutter in the stairwell',
        description: `住户${resident.name}反映，电话${resident.phone}，住址${resident.address}`,
        requester: resident,
        gridId: 'g01',
      },
      actors.resident,
    );
    expect(filed.status).toBe(201);
    id = filed.body.id;
    workflowId = requestWorkflowId(id);
    // A refusal quoting nothing personal, and a close, so the history holds failures and a result.
    expect([403, 409]).toContain((await http.post(`/requests/${id}/accept`, {}, actors.member)).status);
    const withdrawn = await http.post(
      `/requests/${id}/withdraw`,
      { reason: `${resident.name}自行解决` },
      actors.resident,
    );
    expect(withdrawn.status).toBe(200);
    await e2e.system.temporal.workflow.getHandle(workflowId).result();
  });

  test('When the raw history is read from Temporal without the key, then neither the name, the phone nor the address is in it', async () => {
    const history = await rawHistory(workflowId);
    expect(history.events.length).toBeGreaterThan(5);
    const wire = Buffer.from(proto.api.history.v1.History.encode(history).finish());
    const json = Buffer.from(historyToJSON(history), 'utf8');
    expect({ wire: found(wire), json: found(json) }).toEqual({ wire: [], json: [] });
    const started = history.events[0].workflowExecutionStartedEventAttributes!;
    const meta = started.input!.payloads![0].metadata!;
    expect(Buffer.from(meta.encoding).toString()).toBe('binary/encrypted');
    expect(Buffer.from(meta['encryption-key-id']).toString()).toBe(e2e.system.keys.activeId);
    // Search attributes and the workflow id are in clear: they hold nothing of the resident.
    const described = await e2e.system.temporal.workflow.getHandle(workflowId).describe();
    expect(found(Buffer.from(JSON.stringify(described.raw.workflowExecutionInfo), 'utf8'))).toEqual([]);
  });

  test('When it is read with the key, then the case and its history read normally', async () => {
    const live = await http.get(`/requests/${id}`, actors.resident);
    expect(live.body).toMatchObject({
      status: 'withdrawn',
      description: expect.stringContaining(resident.phone),
    });
    expect(live.body.requester).toEqual(resident);
    const decoded = await fetchCaseHistory(e2e.system.temporal, workflowId);
    // The same search over the decoded history finds all of it: the search above can fail.
    const wire = Buffer.from(proto.api.history.v1.History.encode(decoded.runs[0].history).finish());
    expect(found(wire)).toEqual(personal);
    expect(wire.includes(Buffer.from('binary/encrypted'))).toBe(false);
    const timeline = await http.get(`/audit/cases/${workflowId}/timeline`, actors.auditor);
    expect(timeline.status).toBe(200);
    expect(timeline.body.lines.map((line: { action: string }) => line.action)).toEqual(
      expect.arrayContaining(['opened', 'submit', 'withdraw']),
    );
    const verdict = await http.get(`/audit/cases/${workflowId}/replay`, actors.auditor);
    expect(verdict.body).toMatchObject({ deterministic: true });
  });

  test('When a leader reads the request, then the phone and the address are masked', async () => {
    const read = await http.get(`/requests/${id}`, actors.leader);
    expect(read.body.requester).toEqual({
      id: resident.id,
      name: resident.name,
      phone: '139****1234',
      address: '朝阳区幸福小区…',
    });
  });

  test('When the case is archived, then the file holds none of it, and reads whole with the key', async () => {
    const { path } = await archiveCase(e2e.system.auditor.sources, workflowId);
    const file = readFileSync(path);
    expect(file.subarray(0, file.indexOf(0x0a)).toString()).toBe(
      `lianxin-sealed/1 ${e2e.system.keys.activeId}`,
    );
    expect(found(file)).toEqual([]);
    const { history } = await readArchive(path, e2e.system.keys);
    const [input] =
      history.runs[0].history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    const opened = defaultPayloadConverter.fromPayload<{ submission: { requester: unknown } }>(input);
    expect(opened.submission.requester).toEqual(resident);
  });

  test('When an operator decodes the raw payloads through the codec endpoint, then they read in clear; others are refused', async () => {
    const history = await rawHistory(workflowId);
    const [payload] = history.events[0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    const body = {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(payload.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(payload.data!).toString('base64'),
        },
      ],
    };
    const namespace = { 'x-namespace': e2e.system.namespace };
    const decoded = await http.post('/codec/decode', body, actors.auditor, namespace);
    expect(decoded.status).toBe(200);
    const [plain] = decoded.body.payloads;
    expect(Buffer.from(plain.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(plain.data, 'base64').toString()).submission.requester).toEqual(resident);

    const encoded = await http.post('/codec/encode', { payloads: [plain] }, actors.auditor, namespace);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(
      'binary/encrypted',
    );
    expect((await http.post('/codec/decode', body, actors.leader, namespace)).status).toBe(403);
    expect(
      (await http.post('/codec/decode', body, actors.auditor, { 'x-namespace': 'default' })).status,
    ).toBe(400);
  });

  test('When the Temporal UI asks first from its origin, then CORS lets it in, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${e2e.system.url}/api/v1/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
    const ui = await preflight('http://127.0.0.1:8233');
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    expect(ui.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,X-Namespace');
    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
