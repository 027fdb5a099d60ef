// Inline suppressions in TS/JS and Python, and the report of unused ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { lintSource } from '../../src/lint/index.js';

const TS_MODEL = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
`;
const brief = (r: ReturnType<typeof lintSource>) => r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.ruleId}`);

test('TS: disable-next-line and disable-line silence the named rule', () => {
  const code = `${TS_MODEL}// shapegrad-disable-next-line input-shape-mismatch
model.predict(tf.zeros([2, 5]));
model.predict(tf.zeros([3, 6])); // shapegrad-disable-line input-shape-mismatch -- known, data is padded later
model.predict(tf.zeros([4, 7]));
`;
  assert.deepEqual(brief(lintSource('m.ts', code, { cwd: tmpdir() })), ['6:15 input-shape-mismatch']);
});

test('TS: a suppression for another rule does not apply, and is reported unused', () => {
  const code = `${TS_MODEL}model.predict(tf.zeros([2, 5])); // shapegrad-disable-line matmul-shape-mismatch
`;
  assert.deepEqual(brief(lintSource('m.ts', code, { cwd: tmpdir() })), ['3:15 input-shape-mismatch', '3:34 unused-suppression']);
  const unused = lintSource('m.ts', code, { cwd: tmpdir() }).diagnostics[1]!;
  assert.equal(unused.severity, 'warning');
  assert.match(unused.message, /no matmul-shape-mismatch finding on line 3/);
});

test('TS: without rule ids every rule on the line is silenced', () => {
  const code = `${TS_MODEL}// shapegrad-disable-next-line
model.predict(tf.zeros([2, 5]));
`;
  assert.deepEqual(brief(lintSource('m.ts', code, { cwd: tmpdir() })), []);
});

test('Python: trailing comment for its line, own-line comment for the next line', () => {
  const code = `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
model.predict(tf.zeros((2, 5)))  # shapegrad: disable=input-shape-mismatch
# shapegrad: disable=input-shape-mismatch,label-shape-mismatch
model.predict(tf.zeros((3, 6)))
model.predict(tf.zeros((4, 7)))
x = 1  # shapegrad: disable=empty-dimension
`;
  assert.deepEqual(brief(lintSource('m.py', code, { cwd: tmpdir() })), ['6:15 input-shape-mismatch', '7:8 unused-suppression']);
});

test('unused suppressions can be switched off; suppressions of rules that are off are not stale', () => {
  const code = `x = 1  # shapegrad: disable=empty-dimension
`;
  assert.deepEqual(brief(lintSource('m.py', code, { cwd: tmpdir(), ...{ rules: { 'unused-suppression': 'off' } } })), []);
  assert.deepEqual(brief(lintSource('m.py', code, { cwd: tmpdir(), ...{ rules: { 'empty-dimension': 'off' } } })), []);
  assert.deepEqual(brief(lintSource('m.py', code, { cwd: tmpdir() })), ['1:8 unused-suppression']);
});

test('the words in a string are not a suppression comment', () => {
  const py = `s = "# shapegrad: disable=input-shape-mismatch"\n`;
  assert.deepEqual(brief(lintSource('m.py', py, { cwd: tmpdir() })), []);
  const ts = `const url = 'http://x // shapegrad-disable-line input-shape-mismatch';\n`;
  assert.deepEqual(brief(lintSource('m.ts', ts, { cwd: tmpdir() })), []);
});

test('only a comment that starts with the directive counts: not multi-line strings, not prose in comments', () => {
  const ts = `${TS_MODEL}const help = \`
// shapegrad-disable-next-line input-shape-mismatch
\`;
//   usage: // shapegrad-disable-line input-shape-mismatch
/* shapegrad-disable-line is for one line */
model.predict(tf.zeros([2, 5]));
`;
  assert.deepEqual(brief(lintSource('m.ts', ts, { cwd: tmpdir() })), ['8:15 input-shape-mismatch']);
  const py = `doc = """
# shapegrad: disable=input-shape-mismatch
"""
# note: write "# shapegrad: disable=RULE" to silence a rule
x = 1
`;
  assert.deepEqual(brief(lintSource('m.py', py, { cwd: tmpdir() })), []);
});
