import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createModels } from '../activities/db/models';
import { prepareStore } from '../activities/db/store';
import { inboxActivities } from '../activities/notifications/inbox';
import { createActionLogModel } from '../audit/actionLog/store';
import { createLogger } from '../common/log';
import { readCalendarFile } from '../config/calendarFile';
import { loadEnvOrExit } from '../config/env';
import { loadPayloadKeysOrExit } from '../config/payloadKeys';
import { dataConverter } from '../common/payloadCodec';
import { withCalendar, workingCalendarOf } from '../domain/policy/calendarFile';
import { watchOrgDirectoryOf } from '../directory/live';
import { parsePolicy } from '../domain/policy/policy';
import { watchCalendarCoverage } from './calendarWatch';
import { refreshLedgerTotals } from './ledgerTotals';
import { ensureAuditSchedules } from './auditSchedules';
import { ensureReportSchedule } from './reportSchedule';
import { createWorker } from './createWorker';
import { createWorkerMetrics } from './metrics';
import { serveMetrics } from './metricsServer';
import { installWorkerRuntime } from './runtime';
import { connectWorkerStore } from './storeConnection';
import { tuningFrom } from './tuning';

const log = createLogger().child({ process: 'worker' });

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const calendarFile = readCalendarFile(env.CALENDAR_FILE);
  const calendar = workingCalendarOf(calendarFile);
  // As the API hands it to new cases: a committee an arrival starts runs under it.
  const policy = withCalendar(parsePolicy(JSON.parse(readFileSync(env.POLICY_FILE, 'utf8'))), calendarFile);
  const tuning = tuningFrom(env);
  const keys = loadPayloadKeysOrExit(env);
  const converter = dataConverter(keys);
  installWorkerRuntime({ log, sdkMetricsAddress: env.WORKER_SDK_METRICS_ADDRESS });
  const metrics = createWorkerMetrics();
  const endpoint = await serveMetrics(metrics.registry, env.WORKER_METRICS_ADDRESS);
  const db = await connectWorkerStore(env.MONGODB_URI, tuning);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection: clientConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: converter,
  });
  let calendarWatch: { stop(): void } | undefined;
  let ledgerTotals: { stop(): Promise<void> } | undefined;
  // Reports count levels by the ladder and walk the org tree as the API files requests under them.
  const directory = watchOrgDirectoryOf(db, policy, env, log);
  try {
    const models = createModels(db);
    const actionLog = createActionLogModel(db);
    log.info({ store: await prepareStore(db, env.FERRETDB_POSTGRES_URL || undefined) }, 'read models ready');
    await directory.refresh();
    await ensureAuditSchedules(temporal, env.TEMPORAL_TASK_QUEUE);
    await ensureReportSchedule(temporal, env.TEMPORAL_TASK_QUEUE);
    ledgerTotals = refreshLedgerTotals(models, log);
    calendarWatch = watchCalendarCoverage({
      calendar,
      log,
      deliverInbox: inboxActivities(models).deliverInbox,
    });
    const worker = await createWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deps: {
        models,
        webhookUrl: env.WEBHOOK_URL,
        fetch,
        audit: { temporal, archiveDir: env.ARCHIVE_DIR, keys, actionLog },
        metrics: metrics.cases,
        reports: { org: directory.org, ladder: policy.ladder.map((level) => level.id) },
        committees: { temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, policy },
      },
      tuning,
      dataConverter: converter,
    });
    const running = worker.run();
    log.info(
      {
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        metrics: [endpoint.url, `http://${env.WORKER_SDK_METRICS_ADDRESS}/metrics`],
      },
      'worker running',
    );
    await running;
  } finally {
    directory.stop();
    calendarWatch?.stop();
    await ledgerTotals?.stop();
    await clientConnection.close();
    await connection.close();
    await db.close();
    await endpoint.close();
  }
}

main().catch((err) => {
  log.fatal({ err }, 'worker stopped');
  process.exit(1);
});
