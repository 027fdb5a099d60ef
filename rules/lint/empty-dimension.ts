// A convolution or pooling window larger than its (padded) input leaves an output axis of size ≤ 0.
import type { LintRule } from '../../src/lint/rule.js';
import { code, fmt, isPython } from '../../src/lint/words.js';

export const emptyDimension: LintRule = {
  id: 'empty-dimension',
  description: 'A convolution or pooling layer produces an output dimension of size 0 or less',
  severity: 'error',
  docs: 'docs/rules/empty-dimension.md',
  check(ctx) {
    for (const node of ctx.file.nodes) {
      const r = ctx.shapes.get(node.id);
      if (!r?.problem?.empty) continue;
      const from = ctx.file.nodes[node.inputs[0] ?? -1];
      const input = r.inputShapes[0];
      ctx.report({
        message: `${code(node.className)}: ${r.problem.message}`,
        span: node.span,
        related: from && input ? [{ message: `${from.kind === 'input' ? 'the input' : code(from.className)} produces ${fmt(input)} here`, span: from.span }] : [],
        fixes: [{ expression: isPython(ctx.file.filePath) ? "padding='same'" : "padding: 'same'", description: 'keep the spatial size, or use a smaller kernel / pool size' }],
      });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.py',
        code: `from tensorflow.keras import layers, models
model = models.Sequential([layers.Conv2D(8, 3, input_shape=(5, 5, 1)), layers.MaxPooling2D(2)])
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.py',
        code: `from tensorflow.keras import layers, models
model = models.Sequential([
    layers.Conv2D(8, 3, input_shape=(5, 5, 1)),
    layers.MaxPooling2D(4),
])
`,
        errors: [{ line: 4, column: 5, message: 'output would be [?×0×0×8]' }],
      },
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv1d({ filters: 4, kernelSize: 9, inputShape: [6, 2] }));
`,
        errors: [{ line: 3, column: 11, message: 'output would be [?×-2×4]' }],
      },
    ],
  },
};
