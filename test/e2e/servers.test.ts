import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { E2eServers, startE2eServers } from '../support/e2eServers';

describe('embedded servers (Temporal dev server, FerretDB)', () => {
  let servers: E2eServers;
  beforeAll(async () => {
    servers = await startE2eServers();
  }, 120_000);
  afterAll(async () => {
    await servers?.stop();
  }, 60_000);

  it('serves the app namespace with a retention longer than the dev default of one day', async () => {
    const connection = await Connection.connect({ address: servers.temporalAddress });
    try {
      const ns = await connection.workflowService.describeNamespace({ namespace: servers.namespace });
      expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBeGreaterThan(86_400);
    } finally {
      await connection.close();
    }
  });

  it('stores and reads a document', async () => {
    const db = await mongoose.createConnection(`${servers.mongoUri}/smoke`).asPromise();
    try {
      const Thing = db.model('Thing', new mongoose.Schema({ name: String, n: Number }));
      await Thing.create({ name: '连心', n: 1 });
      expect(await Thing.findOne({ name: '连心' }).lean()).toMatchObject({ name: '连心', n: 1 });
    } finally {
      await db.close();
    }
  });
});
