import ExcelJS from 'exceljs';
import express from 'express';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { z } from 'zod';
import { exportContent, exportQuery, sendExport } from '../../api/export/download';
import { problemHandler } from '../../api/errors';
import { ApiDocument } from '../../api/openapi';
import { validated } from '../../api/validate';
import { ledger, overdue } from '../support/ledgerWorkbook';

const ledgerQuery = z.object({ unit: z.string().min(1), ...exportQuery });
const json = { unit: 'chaoyang', rates: [{ satisfaction: 0.873 }] };

/** A route as the ledgers will have it: its own filters, then the format; the real routes come with issue 11. */
function ledgerApp() {
  const app = express();
  app.get(
    '/ledger',
    validated({ query: ledgerQuery }, (input, res) =>
      sendExport(res, input.query, {
        json,
        workbook: { ...ledger, title: `${input.query.unit} 2026年11月台账` },
      }),
    ),
  );
  app.get(
    '/overdue',
    validated({ query: ledgerQuery }, (input, res) =>
      sendExport(res, input.query, { json, workbook: { ...ledger, sections: [overdue] } }),
    ),
  );
  app.use(problemHandler);
  return app;
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = ledgerApp().listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('a ledger downloaded over HTTP', () => {
  test('When no format is asked for, then the route answers its JSON view', async () => {
    const res = await fetch(`${base}/ledger?unit=chaoyang`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.json()).toEqual(json);
  });

  test('When xlsx is asked for, then a workbook of every section downloads under its Chinese name', async () => {
    const res = await fetch(`${base}/ledger?unit=${encodeURIComponent('朝阳街道')}&format=xlsx`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="2026_11.xlsx"; filename*=UTF-8''${encodeURIComponent('朝阳街道 2026年11月台账.xlsx')}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as any);
    expect(book.worksheets.map((s) => s.getCell('A1').value)).toEqual([
      ledger.sections[0].title,
      overdue.title,
    ]);
  });

  test('When xlsx is asked for one section, then the workbook holds only that sheet', async () => {
    const res = await fetch(`${base}/ledger?unit=u1&format=xlsx&section=overdue`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as any);
    expect(book.worksheets.map((s) => s.getCell('A1').value)).toEqual([overdue.title]);
  });

  test('When csv is asked for one section, then it downloads as UTF-8 with a byte-order mark, named after the workbook and the section', async () => {
    const res = await fetch(`${base}/ledger?unit=u1&format=csv&section=overdue`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const name = `u1 2026年11月台账 ${overdue.title}.csv`;
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="u1 2026_11.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const body = new Uint8Array(await res.arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(body)).toMatch(/^\uFEFF诉求标题（Title）,/);
  });

  test('When a workbook has one section, then csv needs no section', async () => {
    const res = await fetch(`${base}/overdue?unit=u1&format=csv`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(ledger.title)}.csv`,
    );
  });

  test('When csv is asked for without choosing among several sections, then a 400 names `section` and the choices', async () => {
    const res = await fetch(`${base}/ledger?unit=u1&format=csv`);

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await res.json()).toMatchObject({
      errors: [{ field: 'query.section', message: 'a CSV holds one section; choose one of: rates, overdue' }],
    });
  });

  test('When an unknown format or section is asked for, then a 400 names the field', async () => {
    const format = await fetch(`${base}/ledger?unit=u1&format=pdf`);
    const section = await fetch(`${base}/ledger?unit=u1&format=xlsx&section=totals`);

    expect(format.status).toBe(400);
    expect(((await format.json()) as any).errors.map((e: any) => e.field)).toEqual(['query.format']);
    expect(section.status).toBe(400);
    expect(((await section.json()) as any).errors).toEqual([
      { field: 'query.section', message: 'no section totals; choose one of: rates, overdue' },
    ]);
  });

  test('When a route documents its 200 with the export content, then the OpenAPI document lists JSON, the workbook and CSV, and the format param', () => {
    const doc = new ApiDocument();
    doc.path({
      method: 'get',
      path: '/api/v1/ledger',
      request: { query: ledgerQuery },
      responses: {
        200: { description: 'the ledger', content: exportContent(z.object({ unit: z.string() })) },
      },
    });

    const path = (doc.generate() as any).paths['/api/v1/ledger'].get;

    expect(Object.keys(path.responses['200'].content)).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    expect(path.parameters.find((p: any) => p.name === 'format').schema).toMatchObject({
      enum: ['json', 'xlsx', 'csv'],
      default: 'json',
    });
  });
});
