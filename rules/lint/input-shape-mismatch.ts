// Data fed to a model (fit, predict, evaluate, trainOnBatch, model(x)) must match its input shape.
import type { LintRule } from '../../src/lint/rule.js';
import { modelInputShape } from '../../src/lint/propagate.js';
import { code, fmt, isPython, perSample } from '../../src/lint/words.js';
import type { Shape } from '../../src/shape/dim.js';

/** Why `got` cannot be fed to a model whose input is `want` (batch first), or undefined if it can. */
function mismatch(want: Shape, got: Shape, label: string): string | undefined {
  if (want.length === got.length) {
    // The batch axis never conflicts: fit / predict split data into batches of any fixed size.
    const bad = want.findIndex((d, i) => i > 0 && typeof d === 'number' && typeof got[i] === 'number' && d !== got[i]);
    if (bad < 0) return undefined;
    if (want.length === 2) return `the model takes ${perSample(want)}, but ${code(label)} has ${got[1]} (its shape is ${fmt(got)})`;
    return `the model takes ${perSample(want)}, but ${code(label)} has ${perSample(got)} (its shape is ${fmt(got)})`;
  }
  const sample = want.slice(1);
  if (got.length === sample.length && got.every((d, i) => d === null || sample[i] === null || d === sample[i])) {
    return `${code(label)} has shape ${fmt(got)}: that is one sample without the batch axis; the model expects ${fmt(want)} (batch first)`;
  }
  return `the model expects rank-${want.length} input ${fmt(want)} (${perSample(want)}), but ${code(label)} is rank ${got.length} with shape ${fmt(got)}`;
}

export const inputShapeMismatch: LintRule = {
  id: 'input-shape-mismatch',
  description: 'Data passed to fit / predict / evaluate / a model call must match the model input shape',
  severity: 'error',
  docs: 'docs/rules/input-shape-mismatch.md',
  check(ctx) {
    const seen = new Set<string>();
    for (const ev of ctx.file.events) {
      if (ev.kind !== 'model-input' || !ev.x.shape) continue;
      const model = ctx.model(ev.model);
      const want = modelInputShape(model, ctx.shapes);
      if (!want) continue;
      const why = mismatch(want, ev.x.shape, ev.x.label);
      if (!why) continue;
      // The same tensor fed to the same model twice (fit, then predict) is one mistake.
      const key = `${ev.model}:${ev.x.span?.start ?? ev.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const input = ctx.file.nodes[model.inputs[0]!]!;
      const related = [];
      if (input.declared) related.push({ message: `${code(model.label)}'s input shape ${fmt(want)} is declared here`, span: input.declared.span });
      if (ev.x.span && ev.x.span.start !== ev.span.start) related.push({ message: `${code(ev.x.label)} is created here with shape ${fmt(ev.x.shape)}`, span: ev.x.span });
      const fixes = [];
      if (want.length === ev.x.shape.length && want.length >= 2) {
        const sample = ev.x.shape.slice(1);
        fixes.push(
          isPython(ctx.file.filePath)
            ? { expression: `input_shape=(${sample.join(', ')}${sample.length === 1 ? ',' : ''})`, shape: fmt([null, ...sample]), description: 'declare the input shape the data has' }
            : { expression: `inputShape: [${sample.join(', ')}]`, shape: fmt([null, ...sample]), description: 'declare the input shape the data has' },
        );
      }
      ctx.report({ message: `${ev.call}: ${why}`, span: ev.span, related, fixes });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.py',
        code: `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(10,))])
xs = tf.random.uniform(shape=(100, 10))
model.predict(xs)
`,
      },
      {
        file: 'valid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [10] }));
model.predict(tf.zeros([32, 10]));
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.py',
        code: `import tensorflow as tf
model = tf.keras.models.Sequential()
model.add(tf.keras.layers.InputLayer(input_shape=(100)))
model.add(tf.keras.layers.Dense(1))
xs = tf.random.uniform(shape=(100, 10))
model.predict(xs)
`,
        errors: [{ line: 6, column: 15, message: 'the model takes 100 features per sample, but `xs` has 10' }],
      },
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [28, 28, 1] }));
const images = tf.zeros([64, 784]);
model.predict(images);
`,
        errors: [{ line: 5, column: 15, message: 'rank-4 input' }],
      },
    ],
  },
};
