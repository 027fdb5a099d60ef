// Dense multiplies the last axis only: on [batch, h, w, c] it yields one vector per pixel, which is
// rarely meant when it is (close to) the model output or right after an image layer.
import type { LintRule, RuleContext } from '../../src/lint/rule.js';
import type { LayerNode } from '../../src/lint/ir.js';
import { code, fmt, isPython } from '../../src/lint/words.js';

/** Layers that keep the shape: a Dense followed only by these still feeds the output. */
const PASS_THROUGH = new Set(['dropout', 'activation', 'batchNormalization', 'layerNormalization']);

/** Layers whose rank-3 output is a sequence: one vector per time step is what they mean. */
const SEQUENCE = new Set(['embedding', 'lstm', 'gru', 'simpleRNN', 'conv1d', 'maxPooling1d', 'averagePooling1d', 'repeatVector']);

/** Where the node's rank-3 input comes from, looking through shape-preserving and Dense layers. */
function producer(ctx: RuleContext, node: LayerNode): LayerNode | undefined {
  let current = ctx.file.nodes[node.inputs[0] ?? -1];
  while (current && (PASS_THROUGH.has(current.rule?.family ?? '') || current.rule?.family === 'dense')) current = ctx.file.nodes[current.inputs[0] ?? -1];
  return current;
}

function feedsOutput(ctx: RuleContext, node: LayerNode): boolean {
  const outputs = new Set(ctx.file.models.flatMap((m) => m.outputs));
  let current = node;
  for (;;) {
    if (outputs.has(current.id)) return true;
    const next = ctx.file.nodes.filter((n) => n.inputs.includes(current.id));
    if (next.length !== 1 || !PASS_THROUGH.has(next[0]!.rule?.family ?? '')) return false;
    current = next[0]!;
  }
}

export const denseOnHighRank: LintRule = {
  id: 'dense-on-high-rank',
  description: 'Dense applied to a rank-3+ input acts on the last axis only',
  severity: 'warning',
  docs: 'docs/rules/dense-on-high-rank.md',
  check(ctx) {
    for (const node of ctx.file.nodes) {
      if (node.rule?.family !== 'dense') continue;
      const r = ctx.shapes.get(node.id);
      const input = r?.inputShapes[0];
      if (!input || input.length < 3 || !r?.shape) continue;
      const atOutput = feedsOutput(ctx, node);
      // Rank 3: sequence models legitimately apply Dense per time step (inside the model, or as a
      // tagging head after a sequence layer). Images as [h, w] fed straight to Dense are not that.
      if (input.length === 3 && (!atOutput || SEQUENCE.has(producer(ctx, node)?.rule?.family ?? ''))) continue;
      const where = atOutput ? 'so the model outputs' : 'so it outputs';
      const from = ctx.file.nodes[node.inputs[0] ?? -1];
      ctx.report({
        related: from ? [{ message: `${from.kind === 'input' ? 'the input' : code(from.className)} produces ${fmt(input)} here`, span: from.span }] : [],
        message: `${code(node.className)} on a rank-${input.length} input ${fmt(input)} acts on the last axis only, ${where} ${fmt(r.shape)}: one vector per position, not per sample`,
        span: node.span,
        fixes: [{ expression: isPython(ctx.file.filePath) ? 'layers.Flatten()' : 'tf.layers.flatten()', description: 'add before this layer (or a global pooling layer)' }],
      });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [28, 28, 1] }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
`,
      },
      {
        file: 'tagger.py',
        code: `from tensorflow import keras
model = keras.Sequential([
    keras.Input(shape=(50,)),
    keras.layers.Embedding(5000, 64),
    keras.layers.LSTM(32, return_sequences=True),
    keras.layers.Dense(12, activation="softmax"),
])
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.py',
        code: `from tensorflow import keras
model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Dense(10, activation="softmax"),
])
`,
        errors: [{ line: 4, column: 5, message: 'so the model outputs [?×28×10]' }],
      },
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [28, 28, 1] }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
`,
        errors: [{ line: 4, column: 11, message: 'so the model outputs [?×26×26×10]' }],
      },
    ],
  },
};
