import { execFileSync } from 'node:child_process';

/**
 * The lint rules that keep workflow code replayable, proven on code that breaks them. Each probe is linted
 * as if it were the file at its path (a real one, so the type-aware rules find it in the project), by
 * ESLint in a child process: its config is an ES module, which jest's runtime cannot import.
 */
interface Probe {
  code: string;
  filePath: string;
}

const lintInChild = `
import { ESLint } from 'eslint';
const probes = JSON.parse(await new Promise((done) => { let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => done(s)); }));
const eslint = new ESLint();
const found = [];
for (const { code, filePath } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  found.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
}
process.stdout.write(JSON.stringify(found));
`;

function lint(probes: Probe[]): string[][] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', lintInChild], {
    cwd: `${__dirname}/../..`,
    input: JSON.stringify(probes),
  });
  return JSON.parse(String(out));
}

const workflowFile = 'workflows/shared/caseShell.ts';
const refused: [string, string][] = [
  ["import { readFileSync } from 'fs';\nexport const f = readFileSync;\n", 'no-restricted-imports'],
  ["import { randomUUID } from 'node:crypto';\nexport const f = randomUUID;\n", 'no-restricted-imports'],
  [
    "import { createActivities } from '../../activities';\nexport const f = createActivities;\n",
    'no-restricted-imports',
  ],
  ['export const pick = () => Math.random();\n', 'no-restricted-properties'],
  ['export const now = () => new Date();\n', 'no-restricted-syntax'],
];
const allowed = [
  "import type { createActivities } from '../../activities';",
  "import { proxyActivities } from '@temporalio/workflow';",
  "export const acts = proxyActivities<ReturnType<typeof createActivities>>({ startToCloseTimeout: '1 minute' });",
  'export const at = (ms: number) => new Date(ms).toISOString();',
  '',
].join('\n');
const domainClock = 'export const now = () => Date.now();\n';
const floating = 'async function save(): Promise<void> {}\nexport function handle(): void {\n  save();\n}\n';

describe('lint rules', () => {
  let found: string[][];
  beforeAll(() => {
    found = lint([
      ...refused.map(([code]) => ({ code, filePath: workflowFile })),
      { code: allowed, filePath: workflowFile },
      { code: domainClock, filePath: 'domain/cases/ending.ts' },
      { code: floating, filePath: 'api/app.ts' },
    ]);
  }, 120_000);

  it.each(refused.map(([code, rule], i) => [code, rule, i] as const))(
    'refuses in workflow code: %j',
    (_code, rule, i) => {
      expect(found[i].join('\n')).toContain(`${rule}:`);
    },
  );

  it('allows what workflows rightly do: type-only activity imports, dates from given times', () => {
    expect(found[refused.length]).toEqual([]);
  });

  it('keeps the clock out of domain code, which is handed the time it decides at', () => {
    expect(found[refused.length + 1].join('\n')).toContain('no-restricted-properties:');
  });

  it('finds a promise left floating anywhere', () => {
    expect(found[refused.length + 2].join('\n')).toContain('@typescript-eslint/no-floating-promises:');
  });
});
