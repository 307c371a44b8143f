import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiDocument } from '../../scripts/openapi';

const repoRoot = join(__dirname, '..', '..');

describe("the console's typed API client", () => {
  test('When the API changes, then the committed types change with it (npm run console:types)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(apiDocument()));
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'openapi-typescript'), [
      join(dir, 'openapi.json'),
      '-o',
      join(dir, 'schema.d.ts'),
    ]);
    const committed = readFileSync(join(repoRoot, 'console', 'src', 'api', 'schema.d.ts'), 'utf8');
    expect(readFileSync(join(dir, 'schema.d.ts'), 'utf8')).toBe(committed);
  }, 60_000);
});
