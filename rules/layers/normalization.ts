// Batch and layer normalization: shape-preserving; parameters have the size of the normalized axis.
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { axisOf, num } from '../../src/lint/layer-kit.js';
import { formatShape, type Shape } from '../../src/shape/dim.js';

function axisSize(x: Shape, axis: number | null): Shape {
  const a = axisOf(axis, x.length);
  return [a === null ? null : x[a]!];
}

export const batchNormalization: LayerRule = {
  family: 'batchNormalization',
  names: ['batchnormalization'],
  output([x], c) {
    const axis = num(c, 'axis', -1);
    if (axis !== null && axisOf(axis, x!.length) === null) return { error: `axis ${axis} is out of range for input ${formatShape(x!)}` };
    return { shape: x };
  },
  params([x], c) {
    const s = axisSize(x!, num(c, 'axis', -1));
    return { gamma: s, beta: s, movingMean: s, movingVariance: s };
  },
};

export const layerNormalization: LayerRule = {
  family: 'layerNormalization',
  names: ['layernormalization'],
  output: ([x]) => ({ shape: x }),
  params([x], c) {
    const s = axisSize(x!, num(c, 'axis', -1));
    return { gamma: s, beta: s };
  },
};
