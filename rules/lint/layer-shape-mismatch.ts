// A layer that cannot take the shape flowing into it: conv2d on flat vectors, LSTM without a time
// axis, concatenating or adding shapes that do not line up, a reshape that changes the element
// count, or a later layer's inputShape that contradicts what the previous layer produces.
import type { LintRule } from '../../src/lint/rule.js';
import { code, fmt, isPython } from '../../src/lint/words.js';

export const layerShapeMismatch: LintRule = {
  id: 'layer-shape-mismatch',
  description: 'A layer cannot take the shape of its input',
  severity: 'error',
  docs: 'docs/rules/layer-shape-mismatch.md',
  check(ctx) {
    for (const node of ctx.file.nodes) {
      const r = ctx.shapes.get(node.id);
      if (!r?.problem || r.problem.empty) continue;
      const related = node.inputs.map((id, i) => {
        const from = ctx.file.nodes[id]!;
        const s = r.inputShapes[i];
        return { message: `${from.kind === 'input' ? 'the input' : code(from.className)} produces ${s ? fmt(s) : 'this'} here`, span: from.span };
      });
      const fixes = [];
      if (node.declared && r.problem.message.startsWith('declares input shape')) {
        fixes.push({ expression: isPython(ctx.file.filePath) ? 'remove input_shape from this layer' : 'remove inputShape from this layer', description: 'only the first layer of a Sequential model sets the input shape' });
      }
      const flat = r.inputShapes[0];
      const side = flat && flat.length === 2 && typeof flat[1] === 'number' ? Math.round(Math.sqrt(flat[1])) : 0;
      if (node.rule?.family === 'conv2d' && side > 0 && side * side === flat![1]) {
        fixes.push({ expression: isPython(ctx.file.filePath) ? `layers.Reshape((${side}, ${side}, 1))` : `tf.layers.reshape({ targetShape: [${side}, ${side}, 1] })`, shape: fmt([null, side, side, 1]), description: 'add before this layer: images as height × width × channels' });
      }
      ctx.report({ message: `${code(node.className)} ${r.problem.message}`, span: node.span, related, fixes });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.reshape({ targetShape: [28, 28, 1], inputShape: [784] }));
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3 }));
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 784, inputShape: [784] }));
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3 }));
`,
        errors: [{ line: 4, column: 11, message: 'expects rank-4 input' }],
      },
      {
        file: 'invalid.py',
        code: `from tensorflow import keras
from tensorflow.keras import layers
a = keras.Input(shape=(32,))
b = keras.Input(shape=(16,))
merged = layers.Add()([a, b])
model = keras.Model(inputs=[a, b], outputs=merged)
`,
        errors: [{ line: 5, column: 10, message: 'cannot combine [?×32] and [?×16]' }],
      },
    ],
  },
};
