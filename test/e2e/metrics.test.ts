import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  category: 'general',
  title: '楼道灯坏了 stairwell light out',
  description: 'The light on the 3rd floor has been out for a week.',
  requester: { id: 'resident-1', name: '张三', phone: '13812345678' },
  gridId: 'g01',
  ...overrides,
});

/** The value of the series `name` with exactly these labels in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...match[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (JSON.stringify(Object.entries(found).sort()) === JSON.stringify(Object.entries(labels).sort()))
      return Number(match[3]);
  }
  return undefined;
}

async function scrapeApi(): Promise<string> {
  const response = await fetch(`${e2e.system.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

describe('Prometheus metrics of the API and the worker, on the real dev server and FerretDB', () => {
  test('When a request is filed, then /metrics counts the answer by route pattern and status, and shows it open at the grid level', async () => {
    const filed = await http.post('/requests', newRequest(), actors.resident);
    expect(filed.status).toBe(201);
    const refused = await http.post('/requests', newRequest({ gridId: '' }), actors.resident);
    expect(refused.status).toBe(400);
    expect((await http.get(`/requests/${filed.body.id}`)).status).toBe(200);
    expect((await http.get('/nowhere')).status).toBe(404);

    const text = await eventually(async () => {
      const scraped = await scrapeApi();
      expect(
        sample(scraped, 'lianxin_open_cases', { kind: 'request', state: 'submitted', level: 'grid' }),
      ).toBe(1);
      return scraped;
    });
    const answered = (method: string, route: string, status: string) =>
      sample(text, 'lianxin_http_requests_total', { method, route, status });
    expect([
      answered('POST', '/api/v1/requests', '201'),
      answered('POST', '/api/v1/requests', '400'),
      answered('GET', '/api/v1/requests/:id', '200'),
      answered('GET', 'unmatched', '404'),
    ]).toEqual([1, 1, 1, 1]);
    expect(
      sample(text, 'lianxin_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/requests',
        status: '201',
      }),
    ).toBe(1);
    expect(
      sample(text, 'lianxin_overdue_cases', { kind: 'request', state: 'submitted', level: 'grid' }),
    ).toBe(0);
    // A state and level no case is in has no series at all.
    expect(
      sample(text, 'lianxin_open_cases', { kind: 'request', state: 'dispatched', level: 'grid' }),
    ).toBeUndefined();
    expect(sample(text, 'lianxin_dependency_up', { dependency: 'mongodb' })).toBe(1);
    expect(sample(text, 'lianxin_dependency_up', { dependency: 'temporal' })).toBe(1);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
  });

  test("When the worker projects a revision, then its registry holds the projection's lag", async () => {
    const text = await e2e.system.workerMetrics.metrics();
    const observed = sample(text, 'lianxin_projection_lag_seconds_count', { kind: 'request' })!;
    expect(observed).toBeGreaterThanOrEqual(1);
    // Seconds, not milliseconds: a projection on an idle test system lands well within a minute.
    expect(sample(text, 'lianxin_projection_lag_seconds_sum', { kind: 'request' })! / observed).toBeLessThan(
      60,
    );
  });

  test('When an emergency is left alone, then the worker counts its reminders and the escalation notices it sends', async () => {
    expect(
      (
        await http.post(
          '/requests',
          newRequest({ category: 'emergency', title: '燃气泄漏 gas smell' }),
          actors.resident,
        )
      ).status,
    ).toBe(201);
    await eventually(
      async () => {
        const text = await e2e.system.workerMetrics.metrics();
        expect(sample(text, 'lianxin_reminders_sent_total', { kind: 'request' })).toBeGreaterThanOrEqual(1);
        expect(
          sample(text, 'lianxin_escalations_sent_total', { kind: 'request', step: 'urge' }),
        ).toBeGreaterThanOrEqual(1);
        expect(
          sample(text, 'lianxin_escalations_sent_total', { kind: 'request', step: 'supervise' }),
        ).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });
});
