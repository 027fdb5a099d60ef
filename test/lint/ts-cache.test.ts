// The TypeScript parser's V8 code cache (frontend/ts-api.ts): written after a run, and a broken
// or foreign cache is only a slower start, never a wrong result or a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parserCache } from '../../src/lint/frontend/ts-api.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const cache = parserCache()!;

function lintSeed(): string {
  const r = spawnSync(process.execPath, [cli, 'lint', 'examples/seed_tfjs.ts', '--format', 'compact'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 1, r.stderr);
  return r.stdout;
}

function cacheFiles(): string[] {
  return readdirSync(cache.dir).filter((f) => f === cache.name);
}

test('a lint run leaves a code cache; a corrupt cache gives the same findings and is rewritten', () => {
  const expected = lintSeed();
  assert.equal(expected.trim().split('\n').length, 3);
  const files = cacheFiles();
  assert.equal(files.length, 1, `cache files: ${files.join(', ')}`);
  const path = join(cache.dir, files[0]!);
  writeFileSync(path, Buffer.from('not a V8 code cache'.repeat(100)));
  assert.equal(lintSeed(), expected);
  assert.ok(readFileSync(path).length > 100_000, 'the rejected cache was written anew');
  assert.equal(lintSeed(), expected);
});
