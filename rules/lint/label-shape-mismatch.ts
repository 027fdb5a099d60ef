// Labels must fit the model output and the loss: one unit per class for categorical losses,
// one sigmoid unit (not a softmax) for binary crossentropy, as many samples as the inputs.
import type { LintRule, RuleContext } from '../../src/lint/rule.js';
import type { ModelIR } from '../../src/lint/ir.js';
import { modelOutputShape } from '../../src/lint/propagate.js';
import { code, fmt, isPython, lossId } from '../../src/lint/words.js';

const SPARSE = 'sparsecategoricalcrossentropy';
const CATEGORICAL = 'categoricalcrossentropy';
const BINARY = 'binarycrossentropy';

/** Activation of the model's last layer, when it is written there. */
function outputActivation(ctx: RuleContext, model: ModelIR): string | undefined {
  const out = ctx.file.nodes[model.outputs[0] ?? -1];
  const a = out?.config['activation'];
  return typeof a === 'string' ? a.toLowerCase() : undefined;
}

function checkLoss(ctx: RuleContext, model: ModelIR): void {
  if (!model.loss) return;
  const loss = lossId(model.loss.name);
  const out = modelOutputShape(model, ctx.shapes);
  const units = out?.[out.length - 1];
  if (typeof units !== 'number') return;
  const py = isPython(ctx.file.filePath);
  if ((loss === CATEGORICAL || loss === SPARSE) && units === 1) {
    ctx.report({
      message: `${model.loss.name} over a single output unit: the model outputs ${fmt(out!)}, so the softmax over one class is always 1 and the loss is always 0`,
      span: model.loss.span,
      fixes: [{ expression: py ? "loss='binary_crossentropy'" : "loss: 'binaryCrossentropy'", description: 'two classes: one sigmoid unit with binary crossentropy' }],
    });
  }
  if (loss === BINARY && units > 1 && outputActivation(ctx, model) === 'softmax') {
    ctx.report({
      message: `${model.loss.name} on a softmax over ${units} units: the units compete (they sum to 1) while binary crossentropy scores each one as an independent yes/no`,
      span: model.loss.span,
      fixes: [{ expression: py ? "loss='categorical_crossentropy'" : "loss: 'categoricalCrossentropy'", description: 'one class per sample' }, { expression: py ? "activation='sigmoid'" : "activation: 'sigmoid'", description: 'several labels per sample' }],
    });
  }
}

export const labelShapeMismatch: LintRule = {
  id: 'label-shape-mismatch',
  description: 'Labels must match the model output shape and the loss',
  severity: 'error',
  docs: 'docs/rules/label-shape-mismatch.md',
  check(ctx) {
    for (const model of ctx.file.models) checkLoss(ctx, model);
    for (const ev of ctx.file.events) {
      if (ev.kind !== 'labels' || !ev.y.shape) continue;
      const model = ctx.model(ev.model);
      const y = ev.y.shape;
      const related = ev.y.span ? [{ message: `${code(ev.y.label)} is created here with shape ${fmt(y)}`, span: ev.y.span }] : [];
      const x = ev.x?.shape;
      if (x && typeof x[0] === 'number' && typeof y[0] === 'number' && x[0] !== y[0]) {
        ctx.report({ message: `${ev.call}: ${code(ev.x!.label)} has ${x[0]} samples but ${code(ev.y.label)} has ${y[0]}`, span: ev.span, related });
        continue;
      }
      const out = modelOutputShape(model, ctx.shapes);
      if (!out) continue;
      const loss = model.loss ? lossId(model.loss.name) : undefined;
      const k = out[out.length - 1];
      if (loss === SPARSE) {
        if (y.length === out.length && typeof k === 'number' && k > 1 && y[y.length - 1] === k) {
          ctx.report({ message: `${ev.call}: ${code(ev.y.label)} ${fmt(y)} looks one-hot, but ${model.loss!.name} expects one class id per sample`, span: ev.span, related, fixes: [{ expression: isPython(ctx.file.filePath) ? "loss='categorical_crossentropy'" : "loss: 'categoricalCrossentropy'" }] });
        }
        continue;
      }
      if (y.length === out.length) {
        const bad = out.findIndex((d, i) => i > 0 && typeof d === 'number' && typeof y[i] === 'number' && d !== y[i]);
        if (bad < 0) continue;
        const what = out.length === 2 ? `the model outputs ${out[1]} value${out[1] === 1 ? '' : 's'} per sample, but ${code(ev.y.label)} has ${y[1]}` : `the model outputs ${fmt(out)}, but ${code(ev.y.label)} is ${fmt(y)}`;
        ctx.report({ message: `${ev.call}: ${what}`, span: ev.span, related });
      } else if (y.length === out.length - 1 && k === 1) {
        continue; // [n] labels for an [n×1] output: Keras and TF.js line them up.
      } else if (y.length === out.length - 1 && typeof k === 'number' && loss === CATEGORICAL) {
        ctx.report({ message: `${ev.call}: ${code(ev.y.label)} ${fmt(y)} holds class ids, but ${model.loss!.name} needs one-hot labels ${fmt([y[0]!, k])}`, span: ev.span, related, fixes: [{ expression: isPython(ctx.file.filePath) ? "loss='sparse_categorical_crossentropy'" : `tf.oneHot(${ev.y.label}, ${k})` }] });
      }
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.py',
        code: `from tensorflow import keras
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation='softmax')])
model.compile(loss='sparse_categorical_crossentropy')
model.fit(keras.ops.zeros((10, 4)), labels)
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
        errors: [{ line: 4, column: 42, message: 'single output unit' }],
      },
      {
        file: 'invalid.py',
        code: `import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation='softmax', input_shape=(4,))])
model.compile(optimizer='adam', loss='binary_crossentropy')
ys = tf.zeros((32, 1))
model.fit(tf.zeros((32, 4)), ys)
`,
        errors: [
          { line: 3, column: 38, message: 'softmax over 10 units' },
          { line: 5, column: 30, message: 'the model outputs 10 values per sample, but `ys` has 1' },
        ],
      },
    ],
  },
};
