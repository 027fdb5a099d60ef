// The examples directory as a test: the seed and its TypeScript twin give exactly their three
// findings, the correct models give nothing, and every file in examples/bad gives exactly the
// findings annotated in it with `expect: RULE` on the offending line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/lint/index.js';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', '..');
const brief = (r: { filePath: string; diagnostics: { ruleId: string; span: { line: number; column: number } }[] }) =>
  r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.ruleId}`);

test('seed_keras.py: exactly the three findings of the seed', async () => {
  const [r] = await lint(['examples/seed_keras.py'], { cwd: root });
  assert.deepEqual(brief(r!), ['10:11 input-shape-mismatch', '15:23 gradient-of-non-scalar', '19:5 discarded-update']);
  const [input, grad, update] = r!.diagnostics;
  assert.ok(input!.message.includes('the model takes 100 features per sample, but `xs` has 10'));
  assert.equal(input!.related?.[0]?.span.line, 3, 'related: where the input shape is declared');
  assert.ok(input!.fixes?.some((f) => f.expression === 'input_shape=(10,)'));
  assert.ok(grad!.message.includes("`ys` is the model's prediction"));
  assert.equal(grad!.related?.[0]?.span.line, 14, 'related: where ys = model(xs) is computed');
  assert.equal(grad!.fixes?.[0]?.expression, 'loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(y_true, ys))', 'the fix uses the compiled loss');
  assert.equal(update!.fixes?.[0]?.expression, 'W.assign_sub(lr * grad)');
  assert.equal(input!.span.file, 'examples/seed_keras.py');
});

test('seed_tfjs.ts: the same three findings', async () => {
  const [r] = await lint(['examples/seed_tfjs.ts'], { cwd: root });
  assert.deepEqual(r!.diagnostics.map((d) => d.ruleId), ['input-shape-mismatch', 'gradient-of-non-scalar', 'discarded-update']);
  assert.ok(r!.diagnostics[0]!.message.includes('the model takes 100 features per sample, but `xs` has 10'));
});

test('correct examples give no findings at all', async () => {
  const files = ['examples/mnist_cnn.ts', 'examples/functional.ts', 'examples/model.json', 'examples/mnist_keras.py', 'examples/shared/constants.ts'];
  const results = await lint(files, { cwd: root });
  assert.equal(results.length, files.length);
  for (const r of results) assert.deepEqual(brief(r), [], r.filePath);
});

test('examples/bad: every annotated finding, and nothing else', async () => {
  const results = await lint(['examples/bad'], { cwd: root });
  assert.ok(results.length >= 8);
  const rulesSeen = new Set<string>();
  for (const r of results) {
    const text = readFileSync(join(root, r.filePath), 'utf8');
    const expected: string[] = [];
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/expect: ([a-z-]+)/g)) expected.push(`${i + 1} ${m[1]}`);
    });
    if (r.filePath.endsWith('reshape.json')) expected.push('10 layer-shape-mismatch');
    const actual = r.diagnostics.map((d) => `${d.span.line} ${d.ruleId}`);
    assert.deepEqual(actual, expected, r.filePath);
    for (const d of r.diagnostics) rulesSeen.add(d.ruleId);
  }
  for (const id of ['input-shape-mismatch', 'label-shape-mismatch', 'layer-shape-mismatch', 'empty-dimension', 'dense-on-high-rank', 'matmul-shape-mismatch', 'gradient-of-non-scalar', 'discarded-update', 'parse-error']) {
    assert.ok(rulesSeen.has(id), `examples/bad exercises ${id}`);
  }
});
