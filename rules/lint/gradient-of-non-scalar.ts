// Gradients are taken of a scalar loss. Asking for the gradient of a model's prediction (or any
// non-scalar) silently sums it first, which is almost never the intended objective.
import type { LintRule } from '../../src/lint/rule.js';
import { code, fmt, isPython, lossId } from '../../src/lint/words.js';

/** A scalar loss of `prediction`, using the model's compiled loss when there is one. */
function lossOf(prediction: string, python: boolean, compiled: string | undefined): string {
  const id = compiled ? lossId(compiled) : 'meansquarederror';
  if (python) {
    const fn = { binarycrossentropy: 'binary_crossentropy', categoricalcrossentropy: 'categorical_crossentropy', sparsecategoricalcrossentropy: 'sparse_categorical_crossentropy' }[id] ?? 'mean_squared_error';
    return `loss = tf.reduce_mean(tf.keras.losses.${fn}(y_true, ${prediction}))`;
  }
  const fn = { binarycrossentropy: 'binaryCrossentropy', categoricalcrossentropy: 'categoricalCrossentropy', sparsecategoricalcrossentropy: 'sparseCategoricalCrossentropy' }[id];
  return fn ? `tf.metrics.${fn}(yTrue, ${prediction}).mean()` : `tf.losses.meanSquaredError(yTrue, ${prediction})`;
}

export const gradientOfNonScalar: LintRule = {
  id: 'gradient-of-non-scalar',
  description: 'A gradient or minimize target should be a scalar loss, not a prediction or other non-scalar tensor',
  severity: 'warning',
  docs: 'docs/rules/gradient-of-non-scalar.md',
  check(ctx) {
    const py = isPython(ctx.file.filePath);
    for (const ev of ctx.file.events) {
      if (ev.kind !== 'gradient') continue;
      const t = ev.target;
      const s = t.shape;
      const nonScalar = s !== undefined && s.some((d) => typeof d === 'number' && d > 1);
      if (t.origin !== 'prediction' && !nonScalar) continue;
      const what = t.origin === 'prediction' ? `the model's prediction${s ? ` ${fmt(s)}` : ''}, not a loss` : `a tensor of shape ${fmt(s!)}, not a scalar`;
      ctx.report({
        message: `${ev.call}: the target ${code(t.label)} is ${what}; the gradient is then of the sum of its entries`,
        span: ev.span,
        related: t.span ? [{ message: `${code(t.label)} is computed here`, span: t.span }] : [],
        fixes: [{ expression: lossOf(t.label, py, t.model !== undefined ? ctx.model(t.model).loss?.name : undefined), description: 'differentiate a scalar loss of the prediction' }],
      });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.py',
        code: `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
xs = tf.zeros((8, 4))
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(model(xs))
grads = tape.gradient(loss, model.trainable_weights)
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.py',
        code: `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
xs = tf.zeros((8, 4))
with tf.GradientTape() as tape:
    ys = model(xs)
grads = tape.gradient(ys, model.trainable_weights)
`,
        errors: [{ line: 6, column: 23, message: "`ys` is the model's prediction" }],
      },
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
const xs = tf.zeros([8, 4]);
const { grads } = tf.variableGrads(() => model.predict(xs) as tf.Scalar);
`,
        errors: [{ line: 4, column: 19, message: 'variableGrads: the target `model.predict(xs)`' }],
      },
    ],
  },
};
