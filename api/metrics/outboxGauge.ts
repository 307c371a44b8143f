import { Gauge, Registry } from 'prom-client';
import { ActionLogOutbox } from '../../audit/actionLog/outbox';

/** Action-log entries written to the outbox and not yet in the log: above zero for long, MongoDB is not taking them. */
export function outboxGauge(registry: Registry, outbox: ActionLogOutbox): void {
  new Gauge({
    name: 'lianxin_action_log_outbox_pending',
    help: "API writes whose action-log entry waits in this API's outbox for MongoDB",
    registers: [registry],
    async collect() {
      this.set((await outbox.pending().catch(() => [])).length);
    },
  });
}
