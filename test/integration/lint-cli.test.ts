// `shapegrad lint` as a user runs it: exit codes, --rule, --max-warnings, --config, formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
function lint(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, 'lint', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('errors exit 1, warnings alone exit 0, clean exits 0 with no output', () => {
  assert.equal(lint(['examples/seed_keras.py']).code, 1);
  const warn = lint(['examples/bad/dense_on_image.ts']);
  assert.equal(warn.code, 0);
  assert.match(warn.out, /1 problem \(0 errors, 1 warning\)/);
  const clean = lint(['examples/clean', 'examples/model.json']);
  assert.equal(clean.code, 0, clean.out);
  assert.equal(clean.out, '');
});

test('--max-warnings turns too many warnings into exit 1', () => {
  assert.equal(lint(['examples/bad/dense_on_image.ts', '--max-warnings', '0']).code, 1);
  assert.equal(lint(['examples/bad/dense_on_image.ts', '--max-warnings', '1']).code, 0);
});

test('--rule ID=off|warn|error overrides severities; an unknown rule is a usage error', () => {
  const off = lint(['examples/seed_keras.py', '--rule', 'input-shape-mismatch=off', '--format', 'compact']);
  assert.equal(off.code, 0);
  assert.deepEqual(off.out.trim().split('\n').map((l) => /\[([\w-]+)\]$/.exec(l)![1]), ['gradient-of-non-scalar', 'discarded-update']);
  const up = lint(['examples/seed_keras.py', '--rule', 'discarded-update=error', '--format', 'compact']);
  assert.match(up.out, /:19:5: error .*\[discarded-update\]/);
  const bad = lint(['examples', '--rule', 'no-such-rule=off']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--rule no-such-rule: no such rule/);
  assert.equal(lint(['examples', '--rule', 'input-shape-mismatch']).code, 2);
});

test('a config file found upward sets rules and ignores; a broken one is a usage error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-lint-'));
  try {
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'seed.py'), "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.InputLayer(input_shape=(100,)), tf.keras.layers.Dense(1)])\nxs = tf.random.uniform(shape=(8, 10))\nmodel.fit(xs, tf.zeros((8, 1)))\n");
    assert.equal(lint(['.'], dir).code, 1);
    writeFileSync(join(dir, 'shapegrad.config.json'), JSON.stringify({ rules: { 'input-shape-mismatch': 'warn' } }));
    const r = lint(['.'], join(dir, 'models'));
    assert.equal(r.code, 0);
    assert.match(r.out, /warning/);
    writeFileSync(join(dir, 'shapegrad.config.json'), '{ "rules": ');
    const broken = lint(['.'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /shapegrad\.config\.json/);
    assert.doesNotMatch(broken.err, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every format renders the seed; SARIF and JSON parse; github annotates', () => {
  const json = JSON.parse(lint(['examples/seed_keras.py', '--format', 'json']).out) as Array<{ errorCount: number; warningCount: number }>;
  assert.deepEqual([json[0]!.errorCount, json[0]!.warningCount], [1, 2]);
  const sarif = JSON.parse(lint(['examples/seed_keras.py', '--format', 'sarif']).out) as { version: string; runs: Array<{ results: unknown[] }> };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]!.results.length, 3);
  const gh = lint(['examples/seed_keras.py', '--format', 'github']).out;
  assert.match(gh, /^::error file=examples\/seed_keras\.py,line=10,col=11,/m);
});

test('a path that does not exist is reported, not a crash', () => {
  const r = lint(['no/such/file.ts']);
  assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}`);
  assert.match(r.out + r.err, /no\/such\/file\.ts/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test('--full-parse also syntax-checks helpers that the focused parse skips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-lint-'));
  try {
    let helpers = '';
    for (let k = 0; k < 120; k++) helpers += `export function scale${k}(v: number[]): number[] {\n  return v.map((x) => x * ${k});\n}\n`;
    const text = `import * as tf from '@tensorflow/tfjs';\n${helpers}function broken(): number {\n  return 1 + ;\n}\n`;
    assert.ok(text.length > 8 * 1024);
    writeFileSync(join(dir, 'model.ts'), text);
    assert.equal(lint(['.', '--format', 'compact'], dir).code, 0);
    const full = lint(['.', '--format', 'compact', '--full-parse'], dir);
    assert.equal(full.code, 1);
    assert.match(full.out, /^model\.ts:\d+:\d+: error syntax error: Expression expected\. \[parse-error\]$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
