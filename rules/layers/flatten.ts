// Flatten: [batch, a, b, …] → [batch, a·b·…]. TF.js requires rank ≥ 3.
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { requireMinRank } from '../../src/lint/layer-kit.js';
import { elementCount } from '../../src/shape/dim.js';

export const flatten: LayerRule = {
  family: 'flatten',
  names: ['flatten'],
  output([x]) {
    const bad = requireMinRank(x!, 3);
    if (bad) return bad;
    return { shape: [x![0]!, elementCount(x!.slice(1))] };
  },
};
