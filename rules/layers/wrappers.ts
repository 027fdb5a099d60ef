// Wrappers around another layer: TimeDistributed applies it to every time step; Bidirectional runs
// a recurrent layer both ways and merges the two outputs (concatenated by default).
import type { LayerOutcome, LayerRule, Shape } from '../../src/lint/layer-rule.js';
import { isNestedLayer } from '../../src/lint/layer-rule.js';
import { word } from '../../src/lint/layer-kit.js';
import { formatShape } from '../../src/shape/dim.js';
import { findLayerRule } from './registry.js';

/** The wrapped layer's outcome on `input`, or undefined when the wrapped layer is not known. */
function inner(config: Record<string, unknown>, input: Shape): { outcome: LayerOutcome; name: string; params: Record<string, Shape> } | undefined {
  const layer = config['layer'];
  if (!isNestedLayer(layer)) return undefined;
  const rule = findLayerRule(layer.nestedLayer.className);
  if (!rule || rule.multiInput) return undefined;
  const { className, config: c } = layer.nestedLayer;
  return { outcome: rule.output([input], c), name: className, params: rule.params?.([input], c) ?? {} };
}

export const timeDistributed: LayerRule = {
  family: 'timeDistributed',
  names: ['timedistributed'],
  positional: ['layer'],
  output([x], c) {
    if (x!.length < 3) return { error: `expects input of rank 3 or more [batch, time, …], got rank ${x!.length} ${formatShape(x!)}` };
    const r = inner(c, [x![0]!, ...x!.slice(2)]);
    if (!r) return { shape: undefined };
    if ('error' in r.outcome) return { ...r.outcome, error: `wraps ${r.name}, which ${r.outcome.error} (per time step)` };
    const step = r.outcome.shape;
    return { shape: step ? [x![0]!, x![1]!, ...step.slice(1)] : undefined };
  },
  params: ([x], c) => inner(c, [x![0]!, ...x!.slice(2)])?.params ?? {},
};

export const bidirectional: LayerRule = {
  family: 'bidirectional',
  names: ['bidirectional'],
  positional: ['layer', 'mergeMode'],
  output([x], c) {
    const r = inner(c, x!);
    if (!r) return { shape: undefined };
    if ('error' in r.outcome) return { ...r.outcome, error: `wraps ${r.name}, which ${r.outcome.error}` };
    const out = r.outcome.shape;
    const mode = c['mergeMode'] === null ? 'none' : word(c, 'mergeMode', 'concat');
    if (!out || mode === null || mode === 'none') return { shape: undefined }; // no merge: a list of two tensors
    if (mode !== 'concat') return { shape: out };
    const last = out[out.length - 1];
    return { shape: [...out.slice(0, -1), typeof last === 'number' ? last * 2 : null] };
  },
  params([x], c) {
    // Two copies of the wrapped layer's weights: forward, then backward.
    const p = inner(c, x!)?.params ?? {};
    return Object.fromEntries([...Object.entries(p).map(([k, v]) => [`forward.${k}`, v]), ...Object.entries(p).map(([k, v]) => [`backward.${k}`, v])]);
  },
};
