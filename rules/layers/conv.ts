// Convolutions, 1-D and 2-D: kernel, strides, dilation, padding (valid / same / causal), data format.
import type { LayerConfig, LayerOutcome, LayerRule, Shape } from '../../src/lint/layer-rule.js';
import { checkNonEmpty, convOutputLength, num, requireRank, tuple, word } from '../../src/lint/layer-kit.js';
import { formatShape, type Dim } from '../../src/shape/dim.js';

/** Shared by conv1d and conv2d: `spatial` is the number of spatial axes. */
function convOutput(x: Shape, c: LayerConfig, spatial: number): LayerOutcome {
  const axes = spatial === 1 ? '[batch, steps, channels]' : '[batch, height, width, channels]';
  const bad = requireRank(x, spatial + 2, axes);
  if (bad) return bad;
  const channelsFirst = word(c, 'dataFormat', 'channelsLast') === 'channelsfirst';
  const kernel = tuple(c, 'kernelSize', spatial, null);
  const strides = tuple(c, 'strides', spatial, 1);
  const dilation = tuple(c, 'dilationRate', spatial, 1);
  const padding = word(c, 'padding', 'valid');
  const first = channelsFirst ? 2 : 1;
  const sizes: Dim[] = kernel.map((k, i) => convOutputLength(x[first + i]!, k, padding, strides[i]!, dilation[i]!));
  const filters = num(c, 'filters');
  const shape = channelsFirst ? [x[0]!, filters, ...sizes] : [x[0]!, ...sizes, filters];
  return checkNonEmpty(shape, `the ${kernel.join('×')} kernel (dilation ${dilation.join('×')}) does not fit in the input ${formatShape(x)}`);
}

function convParams(x: Shape, c: LayerConfig, spatial: number): Record<string, Shape> {
  const channelsFirst = word(c, 'dataFormat', 'channelsLast') === 'channelsfirst';
  const inChannels = channelsFirst ? x[1]! : x[x.length - 1]!;
  const filters = num(c, 'filters');
  const kernel: Shape = [...tuple(c, 'kernelSize', spatial, null), inChannels, filters];
  return c['useBias'] === false ? { kernel } : { kernel, bias: [filters] };
}

export const conv1d: LayerRule = {
  family: 'conv1d',
  names: ['conv1d', 'convolution1d'],
  positional: ['filters', 'kernelSize', 'strides', 'padding'],
  output: ([x], c) => convOutput(x!, c, 1),
  params: ([x], c) => convParams(x!, c, 1),
};

export const conv2d: LayerRule = {
  family: 'conv2d',
  names: ['conv2d', 'convolution2d'],
  positional: ['filters', 'kernelSize', 'strides', 'padding'],
  output: ([x], c) => convOutput(x!, c, 2),
  params: ([x], c) => convParams(x!, c, 2),
};
