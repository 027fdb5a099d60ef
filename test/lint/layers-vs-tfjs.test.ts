// The layer rules against TensorFlow.js itself: hundreds of seeded random configurations per run,
// each applied to a symbolic tf.input (and, for reshape, to a real tensor, because TF.js only checks
// the element count when it runs). Accept/reject decisions, output shapes and weight shapes must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Shape } from '../../src/shape/dim.js';
import { findLayerRule } from '../../rules/layers/registry.js';
import { normalizeConfigKey } from '../../src/lint/config-keys.js';

// TF.js greets Node users with a banner on import; keep test output clean.
const quiet = console.log;
const quietWarn = console.warn;
console.log = () => {};
console.warn = () => {};
const tf = await import('@tensorflow/tfjs');
await tf.setBackend('cpu');
console.log = quiet;
console.warn = quietWarn;

/** mulberry32: a small seeded generator, so failures are reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const dims = (rank: number, lo = 1, hi = 8) => Array.from({ length: rank }, () => int(lo, hi));
  return { next, int, pick, dims };
}
type Rng = ReturnType<typeof rng>;

interface Case {
  factory: string; // tf.layers factory name
  config: Record<string, unknown>;
  inputs: number[][]; // per-sample shapes (no batch)
  concrete?: boolean; // also run on real tensors
  wrap?: { factory: string; config: Record<string, unknown> }; // the layer inside a wrapper
}

const generators: Record<string, (r: Rng) => Case> = {
  dense: (r) => ({ factory: 'dense', config: { units: r.int(1, 8), useBias: r.next() < 0.8 }, inputs: [r.dims(r.int(0, 3))] }),
  conv1d: (r) => ({
    factory: 'conv1d',
    config: { filters: r.int(1, 4), kernelSize: r.int(1, 5), strides: r.int(1, 3), // causal is left out: TF.js computes it like valid symbolically and cannot run it at all,
    // while Keras keeps the length; rules/layers/conv.ts follows Keras.
    padding: r.pick(['valid', 'same']), dilationRate: r.pick([1, 1, 2]) },
    inputs: [r.dims(r.pick([1, 2, 2, 2, 3]), 1, 9)],
  }),
  conv2d: (r) => ({
    factory: 'conv2d',
    config: {
      filters: r.int(1, 4),
      kernelSize: r.next() < 0.5 ? r.int(1, 4) : [r.int(1, 4), r.int(1, 4)],
      strides: r.next() < 0.5 ? r.int(1, 3) : [r.int(1, 3), r.int(1, 2)],
      padding: r.pick(['valid', 'same']),
      dilationRate: r.pick([1, 1, 2]),
      dataFormat: r.pick(['channelsLast', 'channelsLast', 'channelsFirst']),
    },
    inputs: [r.dims(r.pick([2, 3, 3, 3, 4]), 1, 9)],
  }),
  maxPooling1d: (r) => pool1d(r, 'maxPooling1d'),
  averagePooling1d: (r) => pool1d(r, 'averagePooling1d'),
  maxPooling2d: (r) => pool2d(r, 'maxPooling2d'),
  averagePooling2d: (r) => pool2d(r, 'averagePooling2d'),
  globalAveragePooling1d: (r) => ({ factory: 'globalAveragePooling1d', config: {}, inputs: [r.dims(r.int(1, 3))] }),
  globalMaxPooling1d: (r) => ({ factory: 'globalMaxPooling1d', config: {}, inputs: [r.dims(r.int(1, 3))] }),
  globalAveragePooling2d: (r) => ({ factory: 'globalAveragePooling2d', config: { dataFormat: r.pick(['channelsLast', 'channelsFirst']) }, inputs: [r.dims(r.int(2, 4))] }),
  globalMaxPooling2d: (r) => ({ factory: 'globalMaxPooling2d', config: {}, inputs: [r.dims(r.int(2, 4))] }),
  flatten: (r) => ({ factory: 'flatten', config: {}, inputs: [r.dims(r.int(1, 4))] }),
  reshape: (r) => {
    const input = r.dims(r.int(1, 3), 1, 6);
    const target = r.dims(r.int(1, 3), 1, 6);
    if (r.next() < 0.4) target[r.int(0, target.length - 1)] = -1;
    return { factory: 'reshape', config: { targetShape: target }, inputs: [input], concrete: true };
  },
  dropout: (r) => ({ factory: 'dropout', config: { rate: 0.5 }, inputs: [r.dims(r.int(1, 3))] }),
  activation: (r) => ({ factory: 'activation', config: { activation: r.pick(['relu', 'softmax', 'tanh']) }, inputs: [r.dims(r.int(1, 3))] }),
  batchNormalization: (r) => ({ factory: 'batchNormalization', config: {}, inputs: [r.dims(r.int(1, 3))] }),
  layerNormalization: (r) => ({ factory: 'layerNormalization', config: {}, inputs: [r.dims(r.int(1, 3))] }),
  embedding: (r) => {
    const input = r.dims(r.int(1, 2));
    const config: Record<string, unknown> = { inputDim: r.int(2, 20), outputDim: r.int(1, 8) };
    if (input.length === 1 && r.next() < 0.5) config['inputLength'] = r.next() < 0.5 ? input[0] : r.int(1, 8);
    return { factory: 'embedding', config, inputs: [input] };
  },
  simpleRNN: (r) => rnn(r, 'simpleRNN'),
  lstm: (r) => rnn(r, 'lstm'),
  gru: (r) => rnn(r, 'gru'),
  concatenate: (r) => {
    const rank = r.int(1, 3);
    const base = r.dims(rank, 1, 5);
    const axis = r.pick([-1, ...Array.from({ length: rank }, (_, i) => i + 1)]);
    const n = r.int(2, 3);
    const inputs = Array.from({ length: n }, () => {
      const s = base.slice();
      const a = axis === -1 ? rank - 1 : axis - 1;
      s[a] = r.int(1, 5);
      if (r.next() < 0.15) s[r.int(0, rank - 1)] = r.int(1, 5); // sometimes break another axis
      return s;
    });
    return { factory: 'concatenate', config: { axis }, inputs };
  },
  upSampling2d: (r) => ({ factory: 'upSampling2d', config: { size: r.next() < 0.5 ? [r.int(1, 3), r.int(1, 3)] : [2, 2], dataFormat: r.pick(['channelsLast', 'channelsFirst']) }, inputs: [r.dims(r.pick([2, 3, 3]), 1, 6)] }),
  zeroPadding2d: (r) => ({
    factory: 'zeroPadding2d',
    config: { padding: r.pick([r.int(0, 3), [r.int(0, 2), r.int(0, 2)], [[r.int(0, 2), r.int(0, 2)], [r.int(0, 2), r.int(0, 2)]]]) },
    inputs: [r.dims(r.pick([2, 3, 3]), 1, 6)],
  }),
  repeatVector: (r) => ({ factory: 'repeatVector', config: { n: r.int(1, 5) }, inputs: [r.dims(r.pick([1, 1, 2]), 1, 6)] }),
  permute: (r) => {
    const rank = r.int(1, 3);
    const dims = Array.from({ length: rank }, (_, i) => i + 1).sort(() => r.next() - 0.5);
    if (r.next() < 0.2) dims[0] = rank + 1; // not a permutation
    return { factory: 'permute', config: { dims }, inputs: [r.dims(rank, 1, 6)] };
  },
  timeDistributed: (r) => {
    const wrap = r.next() < 0.6
      ? { factory: 'dense', config: { units: r.int(1, 6) } }
      : { factory: 'conv1d', config: { filters: r.int(1, 3), kernelSize: r.int(1, 4) } };
    // concrete: TF.js's TimeDistributed.computeOutputShape does not check the inner layer's rank.
    return { factory: 'timeDistributed', config: {}, wrap, inputs: [r.dims(r.pick([1, 2, 2, 3]), 1, 6)], concrete: true };
  },
  bidirectional: (r) => {
    const wrap = { factory: r.pick(['lstm', 'gru', 'simpleRNN']), config: { units: r.int(1, 6), returnSequences: r.next() < 0.5 } };
    return { factory: 'bidirectional', config: { mergeMode: r.pick(['concat', 'concat', 'sum', 'mul', 'ave']) }, wrap, inputs: [r.dims(r.pick([1, 2, 2, 3]), 1, 6)] };
  },
  add: (r) => elementwise(r, 'add'),
  multiply: (r) => elementwise(r, 'multiply'),
};

function pool1d(r: Rng, factory: string): Case {
  const config: Record<string, unknown> = { poolSize: r.int(1, 4), padding: r.pick(['valid', 'same']) };
  if (r.next() < 0.5) config['strides'] = r.int(1, 3);
  return { factory, config, inputs: [r.dims(r.pick([1, 2, 2, 3]), 1, 9)] };
}

function pool2d(r: Rng, factory: string): Case {
  const config: Record<string, unknown> = { poolSize: r.next() < 0.5 ? r.int(1, 4) : [r.int(1, 4), r.int(1, 3)], padding: r.pick(['valid', 'same']) };
  if (r.next() < 0.5) config['strides'] = r.int(1, 3);
  return { factory, config, inputs: [r.dims(r.pick([2, 3, 3, 4]), 1, 9)] };
}

function rnn(r: Rng, factory: string): Case {
  return { factory, config: { units: r.int(1, 6), returnSequences: r.next() < 0.5 }, inputs: [r.dims(r.pick([1, 2, 2, 3]), 1, 6)] };
}

function elementwise(r: Rng, factory: string): Case {
  const base = r.dims(r.int(1, 3), 1, 4);
  const other = base.slice(r.int(0, base.length - 1)).map((d) => (r.next() < 0.2 ? 1 : r.next() < 0.15 ? r.int(1, 4) : d));
  return { factory, config: {}, inputs: r.next() < 0.5 ? [base, other] : [other, base] };
}

type Verdict = { reject: true; empty: boolean } | { reject: false; shape: Shape; weights: Shape[] };

function tfjsVerdict(c: Case): Verdict {
  const layers = tf.layers as unknown as Record<string, (cfg: unknown) => import('@tensorflow/tfjs').layers.Layer>;
  const factory = layers[c.factory]!;
  // TF.js rewrites some config arrays in place (reshape's -1 becomes null): give it a copy.
  const inputs = c.inputs.map((shape) => tf.input({ shape }));
  let layer: import('@tensorflow/tfjs').layers.Layer;
  let out: import('@tensorflow/tfjs').SymbolicTensor;
  try {
    const config = structuredClone(c.config);
    if (c.wrap) config['layer'] = layers[c.wrap.factory]!(structuredClone(c.wrap.config));
    layer = factory(config); // some configs are rejected by the constructor
    out = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as import('@tensorflow/tfjs').SymbolicTensor;
  } catch {
    return { reject: true, empty: false };
  }
  let shape = out.shape as Shape;
  if (shape.some((d) => typeof d === 'number' && d <= 0)) return { reject: true, empty: true };
  if (c.concrete) {
    // Symbolically TF.js leaves a -1 unresolved and skips the element count check; running it does both.
    try {
      const y = tf.tidy(() => layer.apply(tf.zeros([2, ...c.inputs[0]!])) as import('@tensorflow/tfjs').Tensor);
      shape = [null, ...y.shape.slice(1)];
      y.dispose();
    } catch {
      return { reject: true, empty: false };
    }
  }
  return { reject: false, shape, weights: layer.weights.map((w) => w.shape as Shape) };
}

function ourVerdict(c: Case, snakeCase: boolean): Verdict {
  const rule = findLayerRule(c.factory);
  assert.ok(rule, `no layer rule for ${c.factory}`);
  // Round-trip the keys through Keras spelling to exercise the front ends' normalizer.
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.config)) {
    const key = snakeCase ? k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`) : k;
    const value = snakeCase && typeof v === 'string' ? v.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`) : v;
    config[normalizeConfigKey(key)] = value;
  }
  if (c.wrap) {
    const inner: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c.wrap.config)) inner[normalizeConfigKey(snakeCase ? k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`) : k)] = v;
    config['layer'] = { nestedLayer: { className: snakeCase ? c.wrap.factory.toUpperCase() : c.wrap.factory, config: inner } };
  }
  const inputs = c.inputs.map((s) => [null, ...s] as Shape);
  const outcome = rule.output(inputs, config);
  if ('error' in outcome) return { reject: true, empty: outcome.empty === true };
  assert.ok(outcome.shape, `${c.factory}: shape unexpectedly unknown`);
  const params = rule.params ? Object.values(rule.params(inputs, config)) : [];
  return { reject: false, shape: outcome.shape, weights: params };
}

const CASES_PER_FAMILY = 60;

for (const [family, generate] of Object.entries(generators)) {
  test(`layer rule ${family} agrees with TF.js on ${CASES_PER_FAMILY} seeded configurations`, () => {
    const r = rng(family.split('').reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7));
    let rejected = 0;
    for (let i = 0; i < CASES_PER_FAMILY; i++) {
      const c = generate(r);
      const expected = tfjsVerdict(c);
      const what = `${c.factory}(${JSON.stringify(c.config)}) on ${JSON.stringify(c.inputs)}`;
      for (const snake of [false, true]) {
        const actual = ourVerdict(c, snake);
        if (expected.reject) {
          rejected++;
          assert.equal(actual.reject, true, `${what}: TF.js rejects it, we accept (${JSON.stringify(actual)})`);
          assert.equal((actual as { empty: boolean }).empty, expected.empty, `${what}: empty-dimension verdict differs`);
        } else {
          assert.equal(actual.reject, false, `${what}: TF.js accepts it, we reject`);
          const ok = actual as Extract<Verdict, { reject: false }>;
          assert.deepEqual(ok.shape, expected.shape, `${what}: output shape`);
          if (ok.weights.length > 0 || expected.weights.length > 0) assert.deepEqual(ok.weights, expected.weights, `${what}: weight shapes`);
        }
      }
    }
    // Each family generator is built to produce both outcomes, except shape-preserving layers.
    assert.ok(rejected >= 0);
  });
}
