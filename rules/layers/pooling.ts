// Max and average pooling, 1-D and 2-D. Strides default to the pool size, padding to valid.
import type { LayerConfig, LayerOutcome, LayerRule, Shape } from '../../src/lint/layer-rule.js';
import { formatShape } from '../../src/shape/dim.js';
import { checkNonEmpty, convOutputLength, requireRank, tuple, word } from '../../src/lint/layer-kit.js';

function poolOutput(x: Shape, c: LayerConfig, spatial: number): LayerOutcome {
  const axes = spatial === 1 ? '[batch, steps, channels]' : '[batch, height, width, channels]';
  const bad = requireRank(x, spatial + 2, axes);
  if (bad) return bad;
  const channelsFirst = word(c, 'dataFormat', 'channelsLast') === 'channelsfirst';
  const pool = tuple(c, 'poolSize', spatial, 2);
  // TF.js and Keras: strides default to the pool size.
  const strides = c['strides'] === undefined || c['strides'] === null ? pool : tuple(c, 'strides', spatial, null);
  const padding = word(c, 'padding', 'valid');
  const first = channelsFirst ? 2 : 1;
  const sizes = pool.map((p, i) => convOutputLength(x[first + i]!, p, padding, strides[i]!));
  const shape = channelsFirst ? [x[0]!, x[1]!, ...sizes] : [x[0]!, ...sizes, x[x.length - 1]!];
  return checkNonEmpty(shape, `the ${pool.join('×')} pool window does not fit in the input ${formatShape(x)}`);
}

function pooling(family: string, names: string[], spatial: number): LayerRule {
  return { family, names, positional: ['poolSize', 'strides', 'padding'], output: ([x], c) => poolOutput(x!, c, spatial) };
}

export const maxPooling1d = pooling('maxPooling1d', ['maxpooling1d', 'maxpool1d'], 1);
export const maxPooling2d = pooling('maxPooling2d', ['maxpooling2d', 'maxpool2d'], 2);
export const averagePooling1d = pooling('averagePooling1d', ['averagepooling1d', 'avgpool1d', 'avgpooling1d'], 1);
export const averagePooling2d = pooling('averagePooling2d', ['averagepooling2d', 'avgpool2d', 'avgpooling2d'], 2);
