import express from 'express';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { z } from 'zod';
import { problemHandler } from '../../api/errors';
import { validated } from '../../api/validate';

const filing = z
  .object({
    title: z.string().max(5),
    phone: z.string().regex(/^[0-9]+$/, 'expected a phone number'),
  })
  .strict();

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post(
    '/filings',
    validated({ body: filing }, (_input, res) => res.status(201).end()),
  );
  app.use(problemHandler);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((done) => server.close(done)));

async function refusal(body: unknown, language?: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/filings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(400);
  const problem = (await response.json()) as { errors: { field: string; message: string }[] };
  return Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
}

describe('validation errors in the caller’s language', () => {
  test('When a caller sends no Accept-Language, then a missing field is called required and the rest is in English', async () => {
    await expect(refusal({ phone: 'x', extra: 1 })).resolves.toEqual({
      'body.title': 'required',
      'body.phone': 'expected a phone number',
      body: 'Unrecognized key: "extra"',
    });
  });

  test('When the console asks in Chinese, then zod’s own messages are Chinese and a schema’s own wording stays as written', async () => {
    await expect(refusal({ title: '一二三四五六', phone: 'x' }, 'zh-CN,zh;q=0.9,en;q=0.8')).resolves.toEqual({
      'body.title': expect.stringMatching(/^数值过大/),
      'body.phone': 'expected a phone number',
    });
    await expect(refusal({ phone: '1' }, 'zh-CN')).resolves.toEqual({ 'body.title': '必填' });
  });

  test('When English is preferred over Chinese, then the messages are English', async () => {
    await expect(refusal({ phone: '1' }, 'en-US,zh-CN;q=0.5')).resolves.toEqual({ 'body.title': 'required' });
  });
});
