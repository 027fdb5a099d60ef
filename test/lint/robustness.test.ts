// Bad inputs never crash a run: syntax errors, binary, empty, huge, unreadable files, a directory
// named like a source file, dangling links, missing paths. Each gets at most one finding and the
// other files are still linted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint, lintSource } from '../../src/lint/index.js';
import { collectFiles } from '../../src/lint/files.js';
import { FileQueue, startWorkers } from '../../src/lint/pool.js';
import type { FileResult } from '../../src/lint/lint-file.js';

const GOOD_BAD_PY = `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
model.predict(tf.zeros((2, 5)))
`;

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'shapegrad-lint-'));
}

test('a syntax error gives one parse-error and the run goes on', async () => {
  const dir = workspace();
  try {
    writeFileSync(join(dir, 'a_broken.ts'), 'const model = tf.sequential(;\nmodel.add(\n');
    writeFileSync(join(dir, 'b_broken.py'), 'def f(:\n  pass\nx = (1,\n');
    writeFileSync(join(dir, 'c_model.py'), GOOD_BAD_PY);
    const results = await lint(['.'], { cwd: dir });
    assert.deepEqual(results.map((r) => r.filePath), ['a_broken.ts', 'b_broken.py', 'c_model.py']);
    assert.deepEqual(results[0]!.diagnostics.map((d) => d.ruleId), ['parse-error']);
    assert.deepEqual(results[1]!.diagnostics.map((d) => d.ruleId), ['parse-error']);
    assert.equal(results[0]!.diagnostics[0]!.span.line, 1);
    assert.deepEqual(results[2]!.diagnostics.map((d) => d.ruleId), ['input-shape-mismatch']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('empty, binary and huge files are handled without a crash', async () => {
  const dir = workspace();
  try {
    writeFileSync(join(dir, 'empty.ts'), '');
    writeFileSync(join(dir, 'binary.ts'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0xff, 0xfe]));
    // 10 MB of plausible code.
    const line = 'const x = tf.zeros([100, 10]); // padding padding padding padding padding\n';
    writeFileSync(join(dir, 'huge.ts'), line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    writeFileSync(join(dir, 'model.py'), GOOD_BAD_PY);
    const t0 = Date.now();
    const results = await lint(['.'], { cwd: dir });
    assert.ok(Date.now() - t0 < 5000, 'skipping a huge file is fast');
    const by = Object.fromEntries(results.map((r) => [r.filePath, r.diagnostics]));
    assert.deepEqual(by['empty.ts'], []);
    assert.deepEqual(by['binary.ts']!.map((d) => [d.ruleId, d.severity]), [['file-error', 'warning']]);
    assert.deepEqual(by['huge.ts']!.map((d) => [d.ruleId, d.severity]), [['file-error', 'warning']]);
    assert.match(by['huge.ts']![0]!.message, /larger than 4 MB/);
    assert.deepEqual(by['model.py']!.map((d) => d.ruleId), ['input-shape-mismatch']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unreadable paths: a directory named x.ts, a dangling link, chmod 000, a missing path', async () => {
  const dir = workspace();
  try {
    mkdirSync(join(dir, 'x.ts'));
    writeFileSync(join(dir, 'x.ts', 'inner.py'), GOOD_BAD_PY);
    symlinkSync(join(dir, 'does-not-exist.ts'), join(dir, 'dangling.ts'));
    writeFileSync(join(dir, 'locked.ts'), 'export const n = 1;\n');
    chmodSync(join(dir, 'locked.ts'), 0o000);
    const asRoot = process.getuid?.() === 0;

    // Walking the directory: x.ts is walked as a directory, the link and the locked file are reported.
    const walked = await lint(['.'], { cwd: dir });
    const by = Object.fromEntries(walked.map((r) => [r.filePath, r.diagnostics]));
    assert.deepEqual(by['x.ts/inner.py']!.map((d) => d.ruleId), ['input-shape-mismatch']);
    assert.deepEqual(by['dangling.ts']!.map((d) => d.ruleId), ['file-error']);
    assert.match(by['dangling.ts']![0]!.message, /dangling|no such file/);
    if (!asRoot) assert.match(by['locked.ts']![0]!.message, /permission denied/);
    else assert.deepEqual(by['locked.ts'], []); // root reads anything

    // Named explicitly: a missing file and a dangling link are errors, not crashes.
    const named = await lint(['missing.py', 'dangling.ts', 'x.ts'], { cwd: dir });
    assert.deepEqual(named.map((r) => [r.filePath, r.diagnostics.map((d) => d.ruleId)]), [
      ['missing.py', ['file-error']],
      ['dangling.ts', ['file-error']],
      ['x.ts/inner.py', ['input-shape-mismatch']],
    ]);
    assert.match(named[0]!.diagnostics[0]!.message, /no such file/);
  } finally {
    chmodSync(join(dir, 'locked.ts'), 0o644);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('node_modules, dist and .git are not walked; non-model JSON is skipped silently', async () => {
  const dir = workspace();
  try {
    for (const d of ['node_modules/pkg', 'dist', '.git']) {
      mkdirSync(join(dir, d), { recursive: true });
      writeFileSync(join(dir, d, 'model.py'), GOOD_BAD_PY);
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', dependencies: {} }));
    writeFileSync(join(dir, 'data.json'), '[[1, 2], [3, 4]]');
    writeFileSync(join(dir, 'broken-data.json'), '{ "a": ');
    writeFileSync(join(dir, 'notes.txt'), 'not linted');
    const results = await lint(['.'], { cwd: dir });
    assert.deepEqual(results.map((r) => [r.filePath, r.diagnostics.length]), [['broken-data.json', 0], ['data.json', 0], ['package.json', 0]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('globs, ignore patterns, progress and forward-slash relative paths', async () => {
  const dir = workspace();
  try {
    mkdirSync(join(dir, 'src', 'models'), { recursive: true });
    mkdirSync(join(dir, 'legacy'), { recursive: true });
    writeFileSync(join(dir, 'src', 'models', 'a.py'), GOOD_BAD_PY);
    writeFileSync(join(dir, 'src', 'b.ts'), 'export const n = 1;\n');
    writeFileSync(join(dir, 'legacy', 'old.py'), GOOD_BAD_PY);
    const progress: [number, number][] = [];
    const globbed = await lint(['src/**/*.py'], { cwd: dir, onProgress: (d, t) => progress.push([d, t]) });
    assert.deepEqual(globbed.map((r) => r.filePath), ['src/models/a.py']);
    assert.deepEqual(progress, [[1, 1]]);
    const all = await lint(['.'], { cwd: dir, ignore: ['legacy/**'] });
    assert.deepEqual(all.map((r) => r.filePath), ['src/b.ts', 'src/models/a.py']);
    // Same file twice (path and glob) is linted once.
    const twice = await lint(['src/models/a.py', 'src/**/*.py'], { cwd: dir });
    assert.equal(twice.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('config file: found upward, severities applied, errors thrown with a clear message', async () => {
  const dir = workspace();
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'model.py'), GOOD_BAD_PY);
    // Config ignore globs are relative to the config file's directory.
    writeFileSync(join(dir, 'shapegrad.config.json'), JSON.stringify({ rules: { 'input-shape-mismatch': 'warn' }, ignore: ['sub/skip_*.py'] }));
    writeFileSync(join(dir, 'sub', 'skip_me.py'), GOOD_BAD_PY);
    const [r, ...rest] = await lint(['.'], { cwd: join(dir, 'sub') });
    assert.equal(rest.length, 0, 'ignore from the config applies');
    assert.deepEqual(r!.diagnostics.map((d) => [d.ruleId, d.severity]), [['input-shape-mismatch', 'warning']]);
    // Options override the config.
    const [off] = await lint(['model.py'], { cwd: join(dir, 'sub'), rules: { 'input-shape-mismatch': 'off' } });
    assert.deepEqual(off!.diagnostics, []);

    writeFileSync(join(dir, 'bad.json'), '{ "rules": { "no-such-rule": "error" } }');
    await assert.rejects(lint(['.'], { cwd: dir, configFile: 'bad.json' }), /unknown rule "no-such-rule"/);
    writeFileSync(join(dir, 'bad2.json'), '{ "rules": { "empty-dimension": "loud" } }');
    await assert.rejects(lint(['.'], { cwd: dir, configFile: 'bad2.json' }), /severity "loud"/);
    writeFileSync(join(dir, 'bad3.json'), '{ rules: ');
    await assert.rejects(lint(['.'], { cwd: dir, configFile: 'bad3.json' }), /not valid JSON/);
    await assert.rejects(lint(['.'], { cwd: dir, configFile: 'nope.json' }), /cannot read config file/);
    assert.throws(() => lintSource('m.py', GOOD_BAD_PY, { cwd: dir, rules: { bogus: 'off' } as never }), /unknown rule "bogus"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lintSource: in-memory text, unknown extensions, CRLF line endings', () => {
  const r = lintSource('model.py', GOOD_BAD_PY.replace(/\n/g, '\r\n'), { cwd: tmpdir() });
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.span.line, d.span.column]), [['input-shape-mismatch', 3, 15]]);
  assert.equal(r.source, GOOD_BAD_PY.replace(/\n/g, '\r\n'));
  assert.deepEqual(lintSource('notes.md', '# hello', { cwd: tmpdir() }).diagnostics, []);
});

test('worker threads give the same results, in order, with progress', async () => {
  const dir = workspace();
  const saved = process.env['SHAPEGRAD_LINT_WORKERS'];
  try {
    const n = 40;
    for (let i = 0; i < n; i++) {
      writeFileSync(join(dir, `m${String(i).padStart(2, '0')}.py`), i % 3 === 0 ? GOOD_BAD_PY : 'x = 1\n');
    }
    writeFileSync(join(dir, 'zz_broken.ts'), 'const = ;');
    process.env['SHAPEGRAD_LINT_WORKERS'] = '2';
    const progress: number[] = [];
    const pooled = await lint(['.'], { cwd: dir, onProgress: (d, t) => { assert.equal(t, n + 1); progress.push(d); } });
    process.env['SHAPEGRAD_LINT_WORKERS'] = '0';
    const inline = await lint(['.'], { cwd: dir });
    assert.deepEqual(pooled, inline);
    assert.deepEqual(progress, Array.from({ length: n + 1 }, (_, i) => i + 1));
    assert.equal(pooled.filter((r) => r.diagnostics.some((d) => d.ruleId === 'input-shape-mismatch')).length, Math.ceil(n / 3));
    assert.deepEqual(pooled[n]!.diagnostics.map((d) => d.ruleId), ['parse-error']);
  } finally {
    if (saved === undefined) delete process.env['SHAPEGRAD_LINT_WORKERS'];
    else process.env['SHAPEGRAD_LINT_WORKERS'] = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads alone drain the queue and give the in-process results', async () => {
  const dir = workspace();
  try {
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `m${String(i).padStart(2, '0')}.py`), i % 2 === 0 ? GOOD_BAD_PY : 'x = 1\n');
    writeFileSync(join(dir, 'zz_broken.ts'), 'const = ;');
    const files = collectFiles(['.'], dir, []);
    const results: FileResult[] = [];
    const lost = await startWorkers(new FileQueue(files), { rules: {}, focus: true }, 2, (i, r) => { results[i] = r; });
    assert.deepEqual(lost, []);
    assert.deepEqual(results, await lint(['.'], { cwd: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pathologically deep nesting is skipped with a warning, never a crash', () => {
  const deep = `const x = ${'['.repeat(20000)}${']'.repeat(20000)};\n`;
  const r = lintSource('deep.ts', deep, { cwd: tmpdir() });
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['file-error', 'warning']]);
  assert.match(r.diagnostics[0]!.message, /nested too deeply/);
  const json = `{"class_name": "Sequential", "config": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
  assert.deepEqual(lintSource('deep.json', json, { cwd: tmpdir() }).diagnostics.map((d) => d.ruleId), ['parse-error']);
});
