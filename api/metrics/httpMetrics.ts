import { RequestHandler } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';
import { routeLabel } from '../routeLabel';

const labelNames = ['method', 'route', 'status'] as const;

/** Latency buckets from a by-id read (milliseconds) to an update waiting out the API's 30 s deadline on Temporal. */
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Counts and times every answer by method, route pattern and status; a request the caller abandoned counts with the status it had. */
export function observeRequests(registry: Registry): RequestHandler {
  const requests = new Counter({
    name: 'lianxin_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'lianxin_http_request_duration_seconds',
    help: 'Seconds from a request received to its answer written, by method, route pattern and status',
    labelNames,
    buckets,
    registers: [registry],
  });
  return (req, res, next) => {
    const stop = duration.startTimer();
    let observed = false;
    const done = () => {
      if (observed) return;
      observed = true;
      const labels = { method: req.method, route: routeLabel(req, res), status: String(res.statusCode) };
      requests.inc(labels);
      stop(labels);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
