// Merge layers: concatenate along an axis; add / multiply elementwise with TF.js broadcasting.
import type { LayerOutcome, LayerRule, Shape } from '../../src/lint/layer-rule.js';
import { axisOf, num } from '../../src/lint/layer-kit.js';
import { formatShape, type Dim } from '../../src/shape/dim.js';

const list = (xs: readonly Shape[]) => xs.map((s) => formatShape(s)).join(' and ');

/** TF.js Merge.computeElementwiseOpOutputShape: align right, 1 broadcasts, unknown stays unknown. */
function broadcast(a: Shape, b: Shape): Shape | string {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const out: Dim[] = long.slice(0, long.length - short.length);
  for (let i = 0; i < short.length; i++) {
    const x = long[long.length - short.length + i]!;
    const y = short[i]!;
    if (x === null || y === null) out.push(null);
    else if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x !== y) return `${formatShape(a)} and ${formatShape(b)} differ in a dimension (${x} vs ${y}) and neither is 1`;
    else out.push(x);
  }
  return out;
}

function elementwise(family: string, names: string[]): LayerRule {
  return {
    family,
    names,
    multiInput: true,
    output(xs): LayerOutcome {
      if (xs.length < 2) return { error: `needs at least 2 inputs, got ${xs.length}` };
      let out: Shape = xs[0]!.slice(1);
      for (const s of xs.slice(1)) {
        const r = broadcast(out, s.slice(1));
        if (typeof r === 'string') return { error: `cannot combine ${list(xs)} elementwise: ${r}` };
        out = r;
      }
      const batch = xs.every((s) => s[0] === xs[0]![0]) ? xs[0]![0]! : null;
      return { shape: [batch, ...out] };
    },
  };
}

export const add = elementwise('add', ['add']);
export const multiply = elementwise('multiply', ['multiply']);

export const concatenate: LayerRule = {
  family: 'concatenate',
  names: ['concatenate'],
  multiInput: true,
  output(xs, c): LayerOutcome {
    if (xs.length < 2) return { error: `needs at least 2 inputs, got ${xs.length}` };
    const rank = xs[0]!.length;
    if (xs.some((s) => s.length !== rank)) return { error: `cannot concatenate inputs of different ranks: ${list(xs)}` };
    const axis = axisOf(num(c, 'axis', -1), rank);
    if (axis === null) return { shape: undefined };
    const out: Dim[] = [];
    for (let i = 0; i < rank; i++) {
      const dims = xs.map((s) => s[i]!);
      if (i === axis) {
        out.push(dims.every((d) => typeof d === 'number') ? (dims as number[]).reduce((a, b) => a + b, 0) : null);
        continue;
      }
      const known = dims.filter((d): d is number => typeof d === 'number');
      if (known.some((d) => d !== known[0])) {
        return { error: `cannot concatenate ${list(xs)} on axis ${axis}: they differ on axis ${i} (${known.join(' vs ')})` };
      }
      out.push(known.length === dims.length ? known[0]! : known[0] ?? null);
    }
    return { shape: out };
  },
};
