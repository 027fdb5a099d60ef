// Embedding: integer ids [batch, …] → vectors [batch, …, outputDim].
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { num } from '../../src/lint/layer-kit.js';
import { formatShape } from '../../src/shape/dim.js';

export const embedding: LayerRule = {
  family: 'embedding',
  names: ['embedding'],
  positional: ['inputDim', 'outputDim'],
  output([x], c) {
    const length = c['inputLength'];
    const lengths = typeof length === 'number' ? [length] : Array.isArray(length) ? length : undefined;
    if (lengths) {
      const got = x!.slice(1);
      if (got.length !== lengths.length) return { error: `inputLength is ${JSON.stringify(length)}, but the input is ${formatShape(x!)}` };
      for (let i = 0; i < got.length; i++) {
        if (typeof got[i] === 'number' && typeof lengths[i] === 'number' && got[i] !== lengths[i]) {
          return { error: `inputLength is ${JSON.stringify(length)}, but the input is ${formatShape(x!)}` };
        }
      }
    }
    return { shape: [...x!, num(c, 'outputDim')] };
  },
  params: (_x, c) => ({ embeddings: [num(c, 'inputDim'), num(c, 'outputDim')] }),
};
