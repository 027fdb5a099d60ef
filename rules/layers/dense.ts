// Dense: a matrix product on the last axis. Any rank ≥ 2 is accepted (TF.js applies the kernel to
// the last axis only; the lint rule dense-on-high-rank warns when that is probably unintended).
import type { LayerRule, Shape } from '../../src/lint/layer-rule.js';
import { lastDim, num, requireMinRank } from '../../src/lint/layer-kit.js';

export const dense: LayerRule = {
  family: 'dense',
  names: ['dense'],
  positional: ['units', 'activation'],
  output([x], c) {
    const bad = requireMinRank(x!, 2);
    if (bad) return bad;
    return { shape: [...x!.slice(0, -1), num(c, 'units')] };
  },
  params([x], c) {
    const units = num(c, 'units');
    const p: Record<string, Shape> = { kernel: [lastDim(x!), units] };
    if (c['useBias'] !== false) p['bias'] = [units];
    return p;
  },
};
