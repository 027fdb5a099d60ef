// Recurrent layers: [batch, time, features] → [batch, units], or [batch, time, units] with returnSequences.
import type { LayerRule, Shape } from '../../src/lint/layer-rule.js';
import { bool, lastDim, num, requireRank } from '../../src/lint/layer-kit.js';

/** `gates` weight blocks per unit: 1 for SimpleRNN, 4 for LSTM, 3 for GRU. */
function recurrent(family: string, names: string[], gates: number): LayerRule {
  const times = (u: number | null) => (u === null ? null : u * gates);
  return {
    family,
    names,
    positional: ['units', 'activation'],
    output([x], c) {
      const bad = requireRank(x!, 3, '[batch, timesteps, features]');
      if (bad) return bad;
      const units = num(c, 'units');
      const sequences = bool(c, 'returnSequences', false);
      // returnState yields a list of tensors; the single-shape IR cannot follow it.
      if (bool(c, 'returnState', false) !== false || sequences === null) return { shape: undefined };
      return { shape: sequences ? [x![0]!, x![1]!, units] : [x![0]!, units] };
    },
    params([x], c) {
      const units = num(c, 'units');
      const p: Record<string, Shape> = { kernel: [lastDim(x!), times(units)], recurrentKernel: [units, times(units)] };
      if (c['useBias'] !== false) p['bias'] = [times(units)];
      return p;
    },
  };
}

export const simpleRNN = recurrent('simpleRNN', ['simplernn'], 1);
export const lstm = recurrent('lstm', ['lstm'], 4);
export const gru = recurrent('gru', ['gru'], 3);
