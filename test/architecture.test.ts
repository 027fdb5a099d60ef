// The layers of src/ (../shared/architecture.md): a module may import its own layer and the
// layers before it, never one after it. The one exception is src/report/diagnostic.ts, the
// dependency-free types every layer reports through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAYERS = ['shape', 'expr', 'calculus', 'numeric', 'print', 'explain', 'lint', 'report', 'cli', 'docs'];
const root = fileURLToPath(new URL('../../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('src/ is layered: no module imports a later layer', () => {
  const violations: string[] = [];
  for (const file of files(join(root, 'src'))) {
    const rel = relative(join(root, 'src'), file).split(/[\\/]/);
    const mine = LAYERS.indexOf(rel[0]!);
    if (rel.length < 2) continue; // src/index.ts is the API on top of everything
    assert.ok(mine >= 0, `src/${rel[0]} is not a known layer`);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = relative(join(root, 'src'), normalize(join(dirname(file), m[1]!))).split(/[\\/]/);
      const theirs = LAYERS.indexOf(target[0]!);
      if (theirs > mine && target.join('/') !== 'report/diagnostic.js') violations.push(`src/${rel.join('/')} imports ${m[1]}`);
    }
  }
  assert.deepEqual(violations, []);
});
