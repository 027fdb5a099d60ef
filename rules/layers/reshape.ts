// Reshape: the target shape (without batch, at most one -1) must hold the same number of elements.
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { elementCount, formatShape, type Dim } from '../../src/shape/dim.js';

export const reshape: LayerRule = {
  family: 'reshape',
  names: ['reshape'],
  positional: ['targetShape'],
  output([x], c) {
    const raw = c['targetShape'];
    if (!Array.isArray(raw)) return { shape: undefined };
    const target: Dim[] = raw.map((d) => (typeof d === 'number' ? d : null));
    if (target.some((d) => d === null)) return { shape: [x![0]!, ...target.map(() => null)] };
    const holes = target.filter((d) => d === -1).length;
    if (holes > 1) return { error: `target shape ${formatShape(target)} has more than one -1` };
    const have = elementCount(x!.slice(1));
    const known = (target as number[]).filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (have === null) return { shape: [x![0]!, ...target.map((d) => (d === -1 ? null : d))] };
    if (holes === 1) {
      if (known === 0 || have % known !== 0) {
        return { error: `cannot reshape ${have} elements per sample ${formatShape(x!.slice(1))} into ${formatShape(target)}: ${have} is not a multiple of ${known}` };
      }
      return { shape: [x![0]!, ...target.map((d) => (d === -1 ? have / known : d))] };
    }
    if (known !== have) {
      return { error: `cannot reshape ${formatShape(x!.slice(1))} (${have} elements per sample) into ${formatShape(target)} (${known} elements)` };
    }
    return { shape: [x![0]!, ...target] };
  },
};
