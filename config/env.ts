import { join } from 'node:path';
import { z } from 'zod';

/**
 * The one typed configuration of every process. Read once at start-up by the entry points
 * (worker/main.ts, api/main.ts, scripts/start.ts) and passed down; nothing else reads the environment.
 */
const port = z.coerce.number().int().min(0).max(65535);
const count = (min: number) => z.coerce.number().int().min(min);

/**
 * How much the worker takes on at once (worker/tuning.ts turns these into its options; its MongoDB
 * pool gets a connection per activity slot, local or not). FerretDB 1.24 deadlocks for good when its
 * PostgreSQL pool is all taken by update commands waiting for one more connection: a command holds
 * one for every document it updates until it ends (bulks go in tens: activities/db/bulk.ts). With
 * the SDK's defaults (100 activities, 100 local activities, 40 workflow tasks) a burst of 300
 * requests did that on FerretDB's default pool of 50. Keep (pools of all workers) × 10 below the
 * pool: the embedded one has 180 (scripts/servers.ts); on a FerretDB with 50, 2 and 2 slots.
 * Bounded, the backlog waits in Temporal's task queues (schedule-to-start latency), at little cost:
 * the embedded store committed 46, 52, 62 and 82 revisions a second at 2, 4, 8 and 16 at once, and
 * a burst of 300 requests dispatched during a 15 s store pause drained 17 s after it with 6 local
 * slots, 26 s with 2 (2 cores).
 */
const workerTuningEnv = {
  /** Activities run at once (maxConcurrentActivityTaskExecutions): commits whose local attempts failed, webhooks, audit jobs. */
  WORKER_ACTIVITY_SLOTS: count(1).default(2),
  /** Local activities run at once (maxConcurrentLocalActivityExecutions): every committed revision's first attempts. */
  WORKER_LOCAL_ACTIVITY_SLOTS: count(1).default(6),
  /** Workflow tasks processed at once (maxConcurrentWorkflowTaskExecutions); a task waiting for its local activity holds its slot. */
  WORKER_WORKFLOW_TASK_SLOTS: count(2).default(12),
  /**
   * Workflows kept in memory between tasks (maxCachedWorkflows); one not cached is replayed from its
   * history when it next wakes. A cached request costs the worker ~115 KiB (RSS 358 MiB idle, 1,502
   * MiB with 10,000 open requests cached); an open request mostly sleeps for hours, and replaying its
   * few dozen events when it wakes is cheap, while the cache filled at 3,000 stored requests did the same
   * work with 1,000 cached as with 5,000. So 2,000, about 0.6 GiB, whatever the number of open requests.
   */
  WORKER_CACHED_WORKFLOWS: count(0).default(2_000),
  /** How long a cached workflow's task waits for this worker before any worker may take it and replay it (stickyQueueScheduleToStartTimeout). */
  WORKER_STICKY_QUEUE_TIMEOUT_MS: count(1000).default(30_000),
  /** Concurrent polls for workflow tasks (maxConcurrentWorkflowTaskPolls, at most the workflow task slots). */
  WORKER_WORKFLOW_POLLERS: count(2).default(4),
  /** Concurrent polls for activity tasks (maxConcurrentActivityTaskPolls, at most the activity slots). */
  WORKER_ACTIVITY_POLLERS: count(1).default(2),
};

/**
 * Bearer tokens (identity/). Without AUTH_JWKS_URL the built-in issuer signs and verifies them with
 * keys it generates into AUTH_KEY_DIR; with it, the office's OIDC provider issues them and the API
 * only verifies (keys fetched from that URL, again when a token names a key it does not know).
 */
const authEnv = {
  /** The `iss` every token must carry (the OIDC provider's issuer URL, or the built-in issuer's name) */
  AUTH_ISSUER: z.string().min(1).default('lianxin'),
  /** The `aud` every token must carry: this API */
  AUTH_AUDIENCE: z.string().min(1).default('lianxin-api'),
  /** The OIDC provider's JWKS (its `jwks_uri`); empty: the built-in issuer */
  AUTH_JWKS_URL: z.union([z.literal(''), z.url()]).default(''),
  /** The claim holding the person's id in the org directory (e.g. `preferred_username` for some providers) */
  AUTH_SUBJECT_CLAIM: z.string().min(1).default('sub'),
  /** How far token times (exp, nbf) may be off the API's clock */
  AUTH_CLOCK_TOLERANCE_S: count(0).default(30),
  /** The built-in issuer's signing keys; empty: DATA_DIR/auth */
  AUTH_KEY_DIR: z.string().default(''),
  /** How long the built-in issuer's tokens live (`8h`, `30m`, `7d`) */
  AUTH_TOKEN_TTL: z
    .string()
    .regex(/^\d+[smhd]$/, 'expected a duration like 8h, 30m or 7d')
    .default('8h'),
  /**
   * The console's client at the OIDC provider: a public client (no secret) signing in by the
   * authorization code flow with PKCE, its redirect URI `<the console's origin>/console/login`.
   * Only with AUTH_JWKS_URL; empty: the console cannot sign in through the provider.
   */
  AUTH_CONSOLE_CLIENT_ID: z.string().default(''),
  /** The scopes the console asks the provider for, space-separated; its access token must still carry AUTH_AUDIENCE */
  AUTH_CONSOLE_SCOPES: z.string().min(1).default('openid profile'),
};

/**
 * What the API takes from any caller (api/rateLimits.ts, api/browserPolicy.ts). The limits
 * count a minute of requests in the API process's memory: with several API processes each
 * counts its own (a shared store makes them global).
 */
const hostileInputEnv = {
  /**
   * Requests a minute from one address, before authentication. An office's clerks often share
   * one address behind its NAT: 50 people working the console at ~20 calls a minute each is
   * 1,000; a flood from one address stops at 20 a second.
   */
  RATE_LIMIT_PER_IP_PER_MINUTE: count(1).default(1_200),
  /**
   * Requests a minute from one user (an anonymous call counts against its address). A person
   * in the console makes a call or two a second at the busiest; a hotline system filing under
   * its own identity stays within 5 a second. A stolen or runaway token is held to that.
   */
  RATE_LIMIT_PER_USER_PER_MINUTE: count(1).default(300),
  /**
   * Origins whose browser pages may call the API (CORS), comma-separated, e.g.
   * `https://console.example.gov.cn`. None by default: the console is served by the API itself.
   */
  CONSOLE_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[^/\s]+$/,
            'expected origins such as https://console.example.org, comma-separated',
          ),
      ),
    ),
  /** Reverse proxies in front of the API: the caller's address is read that many hops back in X-Forwarded-For (0: the peer's). */
  API_TRUSTED_PROXIES: count(0).default(0),
};

/** The duplicate candidates shown before a filing is accepted (domain/duplicates/candidates.ts). */
const duplicatesEnv = {
  /** Candidates were filed at most this many days before the filing (or, for a stored request, after it) */
  DUPLICATE_WINDOW_DAYS: count(1).default(14),
  /** The least similarity (cosine of TF-IDF weighted terms, 0–1) a candidate scores */
  DUPLICATE_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.35),
  /** At most this many candidates are shown, best first */
  DUPLICATE_MAX_CANDIDATES: count(1).default(10),
};

export const envSchema = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'expected host:port')
      .default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('lianxin'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('lianxin'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URI')
      .default('mongodb://127.0.0.1:27017/lianxin'),
    /** When MONGODB_URI is FerretDB over PostgreSQL: that database, where the app makes the indexes FerretDB cannot. */
    FERRETDB_POSTGRES_URL: z
      .union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')])
      .default(''),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(8080),
    POLICY_FILE: z.string().min(1).default('config/policy.default.json'),
    /** The official holiday calendar (domain/policy/calendarFile.ts); it replaces the policy's own for new cases. */
    CALENDAR_FILE: z.string().min(1).default('config/calendar.cn.json'),
    /** The category tree new requests are filed under (domain/categories/); the API reads it again when it changes. */
    CATEGORIES_FILE: z.string().min(1).default('config/categories.default.json'),
    /** How often the API looks at CATEGORIES_FILE for a change. */
    CATEGORIES_REFRESH_MS: count(100).default(5_000),
    /** The units loaded into the org directory (MongoDB) when it has none: a new install's county */
    ORG_FILE: z.string().min(1).default('config/org.default.json'),
    /** How often each process reads the directory's version and, when another process wrote, rebuilds it. */
    ORG_REFRESH_MS: count(100).default(5_000),
    ...authEnv,
    ARCHIVE_DIR: z.string().min(1).default('.data/archive'),
    WEBHOOK_URL: z.union([z.literal(''), z.url()]).default(''),
    /**
     * How long an API request may wait for Temporal before it answers 503. Generous: an action waits
     * for its case to commit, which waits for the store; a burst of 150 dispatches on a small worker
     * through a 12 s store pause took over 30 s to answer (test/e2e/overload.test.ts), all of them 200.
     */
    API_TEMPORAL_DEADLINE_MS: count(1_000).default(120_000),
    /** Where the worker serves Prometheus metrics: the Temporal SDK's (task slots, latencies, polls) and the app's (reminders, escalations, projection lag). */
    WORKER_SDK_METRICS_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'expected host:port')
      .default('127.0.0.1:9464'),
    WORKER_METRICS_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'expected host:port')
      .default('127.0.0.1:9465'),
    /**
     * The API's outbox for action-log entries: each write's entry lands here (fsync'd) before the
     * answer goes out, and moves into the hash-chained log in MongoDB as soon as it can.
     */
    ACTION_LOG_SPOOL_DIR: z.string().min(1).default('.data/action-log-spool'),
    /** How long `npm start` waits before restarting a process that died; it doubles with each fast failure in a row, up to 30 s. */
    SUPERVISOR_RESTART_DELAY_MS: count(0).default(1_000),
    /** Where `npm start` keeps its embedded servers' data (the Temporal SQLite file, PostgreSQL under FerretDB). */
    DATA_DIR: z.string().min(1).default('.data'),
    /** The embedded servers' ports; a UI port of 0 runs Temporal's dev server without its web UI. */
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    FERRETDB_PORT: port.default(27017),
    /**
     * The keys that encrypt residents' data in Temporal payloads and archives (config/payloadKeys.ts):
     * `id:base64,…`, the first encrypting. Empty: the key file is read.
     */
    PAYLOAD_KEYS: z.string().default(''),
    /** The key file (`npm start` makes one with a fresh key; `npm run keys -- rotate` adds one); default `<DATA_DIR>/keys/payload-keys.json`. */
    PAYLOAD_KEYS_FILE: z.string().default(''),
    /** The Temporal web UI allowed to call the API's codec endpoint (CORS); default the embedded UI, `http://127.0.0.1:<TEMPORAL_UI_PORT>`. */
    TEMPORAL_UI_ORIGIN: z.union([z.literal(''), z.url()]).default(''),
    ...workerTuningEnv,
    ...hostileInputEnv,
    ...duplicatesEnv,
  })
  .superRefine((env, ctx) => {
    // The SDK refuses more pollers than slots, and more workflow tasks than cached workflows: say so here.
    const over = (field: keyof typeof env, limit: keyof typeof env) => {
      if (env[field] > env[limit])
        ctx.addIssue({ code: 'custom', path: [field], message: `must be at most ${limit} (${env[limit]})` });
    };
    over('WORKER_WORKFLOW_POLLERS', 'WORKER_WORKFLOW_TASK_SLOTS');
    over('WORKER_ACTIVITY_POLLERS', 'WORKER_ACTIVITY_SLOTS');
    if (env.WORKER_CACHED_WORKFLOWS > 0) over('WORKER_WORKFLOW_TASK_SLOTS', 'WORKER_CACHED_WORKFLOWS');
    // The console finds the provider at AUTH_ISSUER's discovery document; the built-in issuer signs it in by password.
    if (env.AUTH_CONSOLE_CLIENT_ID && !env.AUTH_JWKS_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_CONSOLE_CLIENT_ID'],
        message: 'only with AUTH_JWKS_URL: without a provider the console signs in by password',
      });
    else if (env.AUTH_CONSOLE_CLIENT_ID && !/^https?:\/\/\S+$/.test(env.AUTH_ISSUER))
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_ISSUER'],
        message:
          'with AUTH_CONSOLE_CLIENT_ID: the provider’s issuer URL, where the console finds its discovery document',
      });
  })
  .transform((env) => ({
    ...env,
    PAYLOAD_KEYS_FILE: env.PAYLOAD_KEYS_FILE || join(env.DATA_DIR, 'keys', 'payload-keys.json'),
    TEMPORAL_UI_ORIGIN: env.TEMPORAL_UI_ORIGIN || `http://127.0.0.1:${env.TEMPORAL_UI_PORT || 8233}`,
  }));

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; a wrong value becomes one line naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(
    `configuration: ${issue.path.join('.')} ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`,
  );
}

export class ConfigError extends Error {}

/** Entry points call this: print the one line and exit non-zero rather than start half-configured. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
