import { z } from 'zod';

/**
 * The one typed configuration of every process. Read once at start-up by the entry points
 * (worker/main.ts, api/main.ts, scripts/start.ts) and passed down; nothing else reads the environment.
 */
const port = z.coerce.number().int().min(0).max(65535);

export const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('lianxin'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('lianxin'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URI').default('mongodb://127.0.0.1:27017/lianxin'),
  /** When MONGODB_URI is FerretDB over PostgreSQL: that database, where the app makes the indexes FerretDB cannot. */
  FERRETDB_POSTGRES_URL: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')]).default(''),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(8080),
  POLICY_FILE: z.string().min(1).default('config/policy.default.json'),
  ORG_FILE: z.string().min(1).default('config/org.default.json'),
  ARCHIVE_DIR: z.string().min(1).default('.data/archive'),
  WEBHOOK_URL: z.union([z.literal(''), z.url()]).default(''),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; a wrong value becomes one line naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(`configuration: ${issue.path.join('.')} ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`);
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
