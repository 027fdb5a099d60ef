// Layers that resize or rearrange axes without weights: upsampling, zero padding,
// repeating a vector, permuting axes.
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { num, requireRank, tuple, word } from '../../src/lint/layer-kit.js';
import { formatShape, type Dim } from '../../src/shape/dim.js';

const times = (d: Dim, k: number | null): Dim => (typeof d === 'number' && k !== null ? d * k : null);
const plus = (d: Dim, k: number | null): Dim => (typeof d === 'number' && k !== null ? d + k : null);

export const upSampling2d: LayerRule = {
  family: 'upSampling2d',
  names: ['upsampling2d'],
  positional: ['size'],
  output([x], c) {
    const bad = requireRank(x!, 4, '[batch, height, width, channels]');
    if (bad) return bad;
    const [sh, sw] = tuple(c, 'size', 2, 2);
    const first = word(c, 'dataFormat', 'channelsLast') === 'channelsfirst';
    const s = x!;
    return { shape: first ? [s[0]!, s[1]!, times(s[2]!, sh!), times(s[3]!, sw!)] : [s[0]!, times(s[1]!, sh!), times(s[2]!, sw!), s[3]!] };
  },
};

/** Keras padding / cropping: an int, a pair (symmetric per axis), or two pairs. */
function amounts(v: unknown): [number, number, number, number] | null {
  if (v === undefined || v === null) return [1, 1, 1, 1];
  if (typeof v === 'number') return [v, v, v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((p) => typeof p === 'number')) return [v[0], v[0], v[1], v[1]];
  if (Array.isArray(v) && v.length === 2 && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((q) => typeof q === 'number'))) {
    const [[t, b], [l, r]] = v as [[number, number], [number, number]];
    return [t, b, l, r];
  }
  return null;
}

export const zeroPadding2d: LayerRule = {
  family: 'zeroPadding2d',
  names: ['zeropadding2d'],
  positional: ['padding'],
  output([x], c) {
    const bad = requireRank(x!, 4, '[batch, height, width, channels]');
    if (bad) return bad;
    const p = amounts(c['padding']);
    const s = x!;
    const first = word(c, 'dataFormat', 'channelsLast') === 'channelsfirst';
    const h = p ? p[0] + p[1] : null;
    const w = p ? p[2] + p[3] : null;
    return { shape: first ? [s[0]!, s[1]!, plus(s[2]!, h), plus(s[3]!, w)] : [s[0]!, plus(s[1]!, h), plus(s[2]!, w), s[3]!] };
  },
};

export const repeatVector: LayerRule = {
  family: 'repeatVector',
  names: ['repeatvector'],
  positional: ['n'],
  output([x], c) {
    const bad = requireRank(x!, 2, '[batch, features]');
    if (bad) return bad;
    return { shape: [x![0]!, num(c, 'n'), x![1]!] };
  },
};

export const permute: LayerRule = {
  family: 'permute',
  names: ['permute'],
  positional: ['dims'],
  output([x], c) {
    const dims = c['dims'];
    if (!Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) return { shape: undefined };
    const order = dims as number[];
    const valid = order.length === x!.length - 1 && [...order].sort((a, b) => a - b).every((d, i) => d === i + 1);
    if (!valid) return { error: `dims ${JSON.stringify(order)} is not a permutation of the axes 1..${x!.length - 1} of ${formatShape(x!)}` };
    return { shape: [x![0]!, ...order.map((d) => x![d]!)] };
  },
};
