// A weight update that is computed and thrown away: rebinding a loop variable (`W = W - lr * g`
// inside `for W, g in zip(...)`), or a TF.js `w.sub(...)` whose result nobody uses. Tensors are
// immutable; variables change only through assign / assign_sub.
import type { LintRule } from '../../src/lint/rule.js';
import { code } from '../../src/lint/words.js';

export const discardedUpdate: LintRule = {
  id: 'discarded-update',
  description: 'A weight update is computed but never written back to the variable',
  severity: 'warning',
  docs: 'docs/rules/discarded-update.md',
  check(ctx) {
    for (const ev of ctx.file.events) {
      if (ev.kind !== 'discarded-update') continue;
      const message = ev.how === 'rebind'
        ? `${code(ev.code)} only rebinds the name ${code(ev.target)} to a new tensor; the weight it held is never updated (use ${code(ev.fix)})`
        : `${code(ev.code)} computes a new tensor and drops it; ${code(ev.target)} is unchanged (use ${code(ev.fix)})`;
      ctx.report({ message, span: ev.span, fixes: [{ expression: ev.fix, description: 'update the variable in place' }] });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.py',
        code: `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
for W, grad in zip(model.trainable_weights, grads):
    W.assign_sub(0.01 * grad)
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.py',
        code: `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
for W, grad in zip(model.trainable_weights, grads):
    W = W - 0.01 * grad
`,
        errors: [{ line: 4, column: 5, message: 'W.assign_sub' }],
      },
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const w = tf.variable(tf.zeros([4, 1]));
const grad = tf.ones([4, 1]);
w.sub(grad.mul(0.01));
`,
        errors: [{ line: 4, column: 1, message: 'computes a new tensor and drops it' }],
      },
    ],
  },
};
