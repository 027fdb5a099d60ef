// What the TensorFlow.js / Keras / NumPy calls mean for shapes: building layers and models, data
// tensors, fit/predict, matMul, gradients. Calls not listed here evaluate their arguments (they
// may contain calls we know) and give `unknown`.
import { findLayerRule } from '../../../rules/layers/registry.js';
import { elementCount, type Dim, type Shape } from '../../shape/dim.js';
import type { Declared, ModelIR, TensorInfo } from '../ir.js';
import type { Expr } from '../syntax.js';
import type { Args } from './args.js';
import { elementOf, elementwise, UPDATE_METHODS, type Interpreter } from './interpreter.js';
import { nestedShape, num, toConfigValue, toShape, unknown, type LayerValue, type ModelState, type Scope, type Val } from './values.js';

type At = { a: number; b: number };

const SAME_SHAPE_OPS = new Set([
  'round', 'abs', 'sigmoid', 'relu', 'tanh', 'exp', 'log', 'sqrt', 'square', 'neg', 'negative', 'cast', 'clipByValue',
  'clip_by_value', 'softmax', 'stop_gradient', 'identity', 'floor', 'ceil', 'sign', 'clone', 'toFloat', 'read', 'reciprocal',
]);
const BINARY_OPS = new Set(['add', 'sub', 'subtract', 'mul', 'multiply', 'div', 'divide', 'pow', 'squaredDifference', 'squared_difference', 'maximum', 'minimum']);
const REDUCTIONS = new Set(['mean', 'sum', 'reduce_mean', 'reduce_sum', 'max', 'min', 'reduce_max', 'reduce_min', 'norm']);
const FILLED = new Set(['zeros', 'ones', 'empty', 'fill', 'randomUniform', 'randomNormal', 'truncatedNormal', 'randomStandardNormal', 'uniform', 'normal', 'truncated_normal', 'random_uniform', 'random_normal']);
const FROM_VALUES = new Set(['tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d', 'constant', 'convert_to_tensor', 'array', 'asarray']);
const GRADIENT_FNS = new Set(['grad', 'grads', 'valueAndGrad', 'valueAndGrads', 'variableGrads']);
const FIT_CALLS = new Set(['fit', 'evaluate', 'trainOnBatch', 'train_on_batch', 'testOnBatch', 'test_on_batch']);
const PREDICT_CALLS = new Set(['predict', 'predictOnBatch', 'predict_on_batch', 'apply', 'call', '__call__']);
const WEIGHT_GETTERS = new Set(['getWeights', 'get_weights', 'trainable_weights', 'trainableWeights']);

function data(it: Interpreter, shape: Shape | undefined, at: At, origin: TensorInfo['origin'] = 'data'): Val {
  const info: TensorInfo = { label: it.label(at), span: it.span(at), origin: shape ? origin : origin === 'data' ? 'unknown' : origin };
  if (shape) info.shape = shape;
  return { t: 'tensor', info, variable: false };
}

function shapeOfValue(v: Val): Shape | undefined {
  if (v.t === 'tensor') return v.info.shape;
  if (v.t === 'list' || v.t === 'num') return nestedShape(v);
  return undefined;
}

// ---- module functions: tf.*, keras.*, np.* ----

export function callModule(it: Interpreter, path: string[], args: Args, e: Expr, scope: Scope, callName?: string): Val {
  const fn = path[path.length - 1]!;
  const lower = fn.toLowerCase();
  const root = path[0];
  const inLayers = path.includes('layers');
  const py = it.language === 'python';

  if (lower === 'input' && (inLayers || path.length <= 3)) return makeInput(it, args, e);
  if (lower === 'inputlayer' || inLayers || (/^[A-Z]/.test(fn) && findLayerRule(fn))) return makeLayer(it, fn, args, e);
  if (lower === 'sequential') return makeSequential(it, args, e);
  if ((lower === 'model' || fn === 'Functional') && root === 'tf') return makeFunctional(it, args, e);
  if (path.includes('losses')) {
    if (/^[A-Z]/.test(fn)) return (args.all(), { t: 'loss', name: fn });
    args.all();
    // TF.js tf.losses.* reduce to a scalar by default; Keras loss functions return one value per sample.
    return py ? unknown : data(it, [], e, 'scalar');
  }
  if (path.includes('optimizers') || path.includes('train')) return (args.all(), { t: 'optimizer' });
  if (lower === 'gradienttape') return (args.all(), { t: 'tape' });
  if (lower === 'matmul' || lower === 'dot') return matmul(it, callName ?? fn, args.pos(0), args.pos(1), args.get('transposeA', 2), args.get('transposeB', 3), e);
  if (GRADIENT_FNS.has(fn)) return gradientOfFunction(it, fn, args.pos(0)?.v, e);
  if (root === 'np') return numpy(it, path, args, e);
  if (FROM_VALUES.has(fn)) {
    const value = args.pos(0)?.v ?? unknown;
    const explicit = args.get('shape', py ? 2 : 1);
    const shape = (explicit ? toShape(explicit.v) : undefined) ?? shapeOfValue(value);
    return data(it, shape, e, value.t === 'tensor' ? value.info.origin : 'data');
  }
  if (fn === 'scalar') return data(it, [], e);
  if (FILLED.has(fn)) {
    const s = args.get('shape', 0);
    return data(it, s ? toShape(s.v) : undefined, e);
  }
  if (fn === 'zerosLike' || fn === 'onesLike' || fn === 'zeros_like' || fn === 'ones_like') return data(it, shapeOfValue(args.pos(0)?.v ?? unknown), e);
  if (fn === 'variable' || fn === 'Variable') {
    const v = args.get('initialValue', 0)?.v ?? unknown;
    return { t: 'tensor', info: { label: it.label(e), span: it.span(e), origin: 'data', ...(shapeOfValue(v) ? { shape: shapeOfValue(v)! } : {}) }, variable: true };
  }
  if (SAME_SHAPE_OPS.has(fn)) {
    args.all();
    const x = args.pos(0)?.v;
    return x?.t === 'tensor' ? { t: 'tensor', info: { ...x.info, label: it.label(e), span: it.span(e) }, variable: false } : unknown;
  }
  if (BINARY_OPS.has(fn)) {
    const a = args.pos(0)?.v ?? unknown;
    const b = args.pos(1)?.v ?? unknown;
    return a.t === 'tensor' || b.t === 'tensor' ? elementwise(a, b, it.span(e)) : unknown;
  }
  if (REDUCTIONS.has(fn)) return reduce(it, args.pos(0)?.v, args.get('axis', 1), e);
  if (fn === 'oneHot' || fn === 'one_hot' || fn === 'to_categorical') return oneHot(it, args, e);
  args.all();
  return unknown;
}

function numpy(it: Interpreter, path: string[], args: Args, e: Expr): Val {
  const fn = path[path.length - 1]!;
  if (fn === 'rand' || fn === 'randn') {
    args.all();
    const dims = Array.from({ length: args.count }, (_, i) => num(args.pos(i)?.v));
    return dims.every((d) => d !== undefined) ? data(it, dims as number[], e) : unknown;
  }
  if (path.includes('random')) {
    const size = args.get('size', fn === 'random' || fn === 'random_sample' ? 0 : 2);
    args.all();
    return data(it, size ? toShape(size.v) : undefined, e);
  }
  if (fn === 'zeros' || fn === 'ones' || fn === 'empty') {
    const s = args.get('shape', 0);
    return data(it, s ? toShape(s.v) : undefined, e);
  }
  if (fn === 'array' || fn === 'asarray') return data(it, shapeOfValue(args.pos(0)?.v ?? unknown), e);
  args.all();
  return unknown;
}

function reduce(it: Interpreter, x: Val | undefined, axis: { v: Val } | undefined, e: Expr): Val {
  if (x?.t !== 'tensor') return unknown;
  if (axis && axis.v.t !== 'none') return data(it, undefined, e, 'unknown');
  return data(it, [], e, 'scalar');
}

function oneHot(it: Interpreter, args: Args, e: Expr): Val {
  const x = args.pos(0)?.v;
  const depth = num(args.get(it.language === 'python' ? 'numClasses' : 'depth', 1)?.v);
  args.all();
  const s = x ? shapeOfValue(x) : undefined;
  if (!s || depth === undefined) return data(it, undefined, e);
  const base = s.length === 2 && s[1] === 1 ? s.slice(0, 1) : s;
  return data(it, [...base, depth], e);
}

// ---- layers and models ----

function layerConfig(it: Interpreter, args: Args, positional: string[] | undefined): { config: Record<string, unknown>; exprs: Map<string, Expr> } {
  const config: Record<string, unknown> = {};
  const exprs = new Map<string, Expr>();
  const py = it.language === 'python';
  if (py && positional) {
    positional.forEach((name, i) => {
      const p = args.pos(i);
      if (p) {
        config[name] = toConfigValue(p.v);
        exprs.set(name, p.e);
      }
    });
  }
  for (const [key, { e, v }] of args.options(py ? undefined : 0)) {
    config[key] = toConfigValue(v);
    exprs.set(key, e);
  }
  return { config, exprs };
}

/** The input shape a layer declares (batch first), from batchInputShape / inputShape / inputDim / shape. */
function declaredInput(it: Interpreter, config: Record<string, unknown>, exprs: Map<string, Expr>, isInput: boolean, family?: string): Declared | undefined {
  const shapeOf = (key: string) => {
    const e = exprs.get(key);
    return e ? { e, s: toShapeFromConfig(config[key]) } : undefined;
  };
  const batch = shapeOf('batchInputShape');
  if (batch?.s) return { shape: batch.s, span: it.span(batch.e) };
  for (const key of isInput ? ['inputShape', 'shape'] : ['inputShape']) {
    const d = shapeOf(key);
    if (d?.s) return { shape: [null, ...d.s], span: it.span(d.e) };
  }
  if (family === 'embedding') {
    // Embedding: inputDim is the vocabulary size; inputLength is the sequence length of the input.
    const length = exprs.get('inputLength');
    if (length && typeof config['inputLength'] === 'number') return { shape: [null, config['inputLength']], span: it.span(length) };
    return undefined;
  }
  const dim = exprs.get('inputDim');
  if (dim && typeof config['inputDim'] === 'number') return { shape: [null, config['inputDim']], span: it.span(dim) };
  return undefined;
}

function toShapeFromConfig(v: unknown): Dim[] | undefined {
  if (typeof v === 'number') return [v];
  if (!Array.isArray(v)) return undefined;
  return v.map((d) => (typeof d === 'number' && d > 0 ? d : null));
}

function makeLayer(it: Interpreter, fn: string, args: Args, e: Expr): Val {
  const isInput = fn.toLowerCase() === 'inputlayer';
  const rule = isInput ? undefined : findLayerRule(fn);
  const { config, exprs } = layerConfig(it, args, rule?.positional);
  const layer: LayerValue = { className: fn, config, span: it.span(e), isInput };
  if (rule) layer.rule = rule;
  const declared = declaredInput(it, config, exprs, isInput, rule?.family);
  if (declared) layer.declared = declared;
  return { t: 'layer', layer };
}

function makeInput(it: Interpreter, args: Args, e: Expr): Val {
  const { config, exprs } = layerConfig(it, args, ['shape']);
  const declared = declaredInput(it, config, exprs, true);
  const id = it.addNode({ kind: 'input', className: 'Input', config, span: it.span(e), inputs: [], ...(declared ? { declared } : {}) });
  return { t: 'sym', node: id };
}

function newModel(it: Interpreter, kind: ModelIR['kind'], e: Expr): ModelState {
  const ir: ModelIR = { id: it.newModelId(), label: 'model', kind, span: it.span(e), inputs: [], outputs: [] };
  it.host.file.models.push(ir);
  return { ir, uncertainty: it.uncertainty };
}

function makeSequential(it: Interpreter, args: Args, e: Expr): Val {
  const model = newModel(it, 'sequential', e);
  const layers = args.get('layers', it.language === 'python' ? 0 : undefined, 0);
  if (layers?.v.t === 'list') for (const l of layers.v.items) addLayer(it, model, l, e);
  else if (layers) addLayer(it, model, unknown, e); // a list we cannot see: everything is unknown
  args.all();
  return { t: 'model', model };
}

export function addLayer(it: Interpreter, model: ModelState, v: Val, at: At): void {
  // `keras.Sequential([keras.Input(shape=…), …])`: an Input in the list acts as an InputLayer.
  const inputNode = v.t === 'sym' ? it.host.file.nodes[v.node] : undefined;
  if (inputNode?.kind === 'input') {
    v = { t: 'layer', layer: { className: 'Input', config: {}, span: inputNode.span, isInput: true, ...(inputNode.declared ? { declared: inputNode.declared } : {}) } };
  }
  // Added in a branch or loop body of the code that created the model: it may be added zero or
  // several times, so what flows out of it is unknown (an opaque node).
  const certain = it.uncertainty <= model.uncertainty;
  const layer = v.t === 'layer' && (certain || v.layer.isInput) ? v.layer : undefined;
  const first = model.tail === undefined;
  if (model.tail === undefined) {
    // The first layer's inputShape (or an InputLayer) is the model's input.
    const declared = layer?.declared;
    model.tail = it.addNode({ kind: 'input', className: 'Input', config: {}, span: declared?.span ?? layer?.span ?? it.span(at), inputs: [], ...(declared ? { declared } : {}) });
    model.ir.inputs = [model.tail];
    model.ir.outputs = [model.tail];
  }
  if (layer?.isInput) return;
  const node = layer
    ? {
        kind: 'layer' as const, className: layer.className, config: layer.config, span: layer.span, inputs: [model.tail],
        ...(layer.rule ? { rule: layer.rule } : {}), ...(layer.declared && !first ? { declared: layer.declared } : {}),
      }
    : { kind: 'layer' as const, className: v.t === 'model' ? v.model.ir.label : v.t === 'layer' ? v.layer.className : 'unknown', config: {}, span: it.span(at), inputs: [model.tail] };
  model.tail = it.addNode(node);
  model.ir.outputs = [model.tail];
}

function makeFunctional(it: Interpreter, args: Args, e: Expr): Val {
  const model = newModel(it, 'functional', e);
  const py = it.language === 'python';
  const ins = nodesOf(args.get('inputs', py ? 0 : undefined, 0)?.v);
  const outs = nodesOf(args.get('outputs', py ? 1 : undefined, 0)?.v);
  args.all();
  // Inputs alone are enough to check the data fed to the model.
  if (ins) model.ir.inputs = ins;
  if (ins && outs) model.ir.outputs = outs;
  return { t: 'model', model };
}

function nodesOf(v: Val | undefined): number[] | undefined {
  if (v?.t === 'sym') return [v.node];
  if (v?.t === 'list' && v.items.every((x) => x.t === 'sym')) return v.items.map((x) => (x as { node: number }).node);
  return undefined;
}

/** `layer.apply(x)` / `layer(x)`: a new graph node when x is symbolic. */
function applyLayer(it: Interpreter, layer: LayerValue, input: Val | undefined): Val {
  const inputs = nodesOf(input);
  if (!inputs || layer.isInput) return unknown;
  const id = it.addNode({
    kind: 'layer', className: layer.className, config: layer.config, span: layer.span, inputs,
    ...(layer.rule ? { rule: layer.rule } : {}), ...(layer.declared ? { declared: layer.declared } : {}),
  });
  return { t: 'sym', node: id };
}

// ---- using a model ----

function asData(v: Val | undefined): Val | undefined {
  if (v?.t === 'tensor') return v;
  if (v?.t === 'list') {
    const s = nestedShape(v);
    if (s && s.length > 0) return { t: 'tensor', info: { label: '', shape: s, origin: 'data' }, variable: false };
  }
  return undefined;
}

function feed(it: Interpreter, model: ModelState, call: string, x: { e: Expr; v: Val } | undefined): TensorInfo | undefined {
  const d = asData(x?.v);
  if (!x || d?.t !== 'tensor') return undefined;
  const info: TensorInfo = { ...d.info, label: it.label(x.e) };
  it.emit({ kind: 'model-input', call, model: model.ir.id, x: info, span: it.span(x.e) });
  return info;
}

function predict(it: Interpreter, model: ModelState, call: string, x: { e: Expr; v: Val } | undefined, e: Expr): Val {
  if (x?.v.t === 'sym' || x?.v.t === 'list' && nodesOf(x.v)) {
    // A model used as a layer in another functional model.
    const id = it.addNode({ kind: 'layer', className: model.ir.label, config: {}, span: it.span(e), inputs: nodesOf(x.v)! });
    return { t: 'sym', node: id };
  }
  const info = feed(it, model, call, x);
  const out = model.ir.outputs.length === 1 ? it.nodeShape(model.ir.outputs[0]!) : undefined;
  let shape: Shape | undefined = out;
  if (out && info?.shape && info.shape.length > 0) shape = [info.shape[0]!, ...out.slice(1)];
  return { t: 'tensor', info: { label: it.label(e), span: it.span(e), origin: 'prediction', ...(shape ? { shape } : {}) }, variable: false };
}

function modelMethod(it: Interpreter, model: ModelState, m: string, args: Args, e: Expr): Val {
  const py = it.language === 'python';
  if (m === 'add') {
    addLayer(it, model, args.pos(0)?.v ?? unknown, args.pos(0)?.e ?? e);
    return { t: 'none' };
  }
  if (m === 'compile') {
    const loss = args.get('loss', py ? 1 : undefined, 0);
    const name = loss ? lossName(loss.v) : undefined;
    if (loss && name) model.ir.loss = { name, span: it.span(loss.e) };
    args.all();
    return { t: 'none' };
  }
  if (FIT_CALLS.has(m)) {
    const x = args.get('x', 0);
    const y = args.get('y', 1);
    const xInfo = feed(it, model, m, x);
    const yData = asData(y?.v);
    if (y && yData?.t === 'tensor') {
      it.emit({ kind: 'labels', call: m, model: model.ir.id, y: { ...yData.info, label: it.label(y.e) }, span: it.span(y.e), ...(xInfo ? { x: xInfo } : {}) });
    }
    args.all();
    return unknown;
  }
  if (PREDICT_CALLS.has(m)) {
    const r = predict(it, model, m, args.get('x', 0), e);
    args.all();
    return r;
  }
  if (WEIGHT_GETTERS.has(m)) return { t: 'weights' };
  args.all();
  return unknown;
}

function lossName(v: Val): string | undefined {
  if (v.t === 'str') return v.v;
  if (v.t === 'loss') return v.name;
  if (v.t === 'module') return v.path[v.path.length - 1];
  return undefined;
}

// ---- matmul and gradients ----

function flag(v: { v: Val } | undefined): boolean | null {
  if (!v || v.v.t === 'none') return false;
  return v.v.t === 'bool' ? v.v.v : null;
}

function matmul(it: Interpreter, call: string, a: { e: Expr; v: Val } | undefined, b: { e: Expr; v: Val } | undefined, tA: { v: Val } | undefined, tB: { v: Val } | undefined, e: Expr): Val {
  const A = asData(a?.v);
  const B = asData(b?.v);
  if (!a || !b || A?.t !== 'tensor' || B?.t !== 'tensor') return unknown;
  const transposeA = flag(tA);
  const transposeB = flag(tB);
  it.emit({ kind: 'matmul', call, a: { ...A.info, label: it.label(a.e) }, b: { ...B.info, label: it.label(b.e) }, transposeA, transposeB, span: it.span(e) });
  const sa = A.info.shape;
  const sb = B.info.shape;
  if (sa?.length === 2 && sb?.length === 2 && transposeA !== null && transposeB !== null) {
    const m = transposeA ? sa[1]! : sa[0]!;
    const n = transposeB ? sb[0]! : sb[1]!;
    return data(it, [m, n], e);
  }
  return data(it, undefined, e);
}

function gradientOfFunction(it: Interpreter, fn: string, f: Val | undefined, e: Expr): Val {
  if (f?.t !== 'func') return unknown;
  const returned = it.callFunction(f, f.params.map(() => unknown));
  if (returned.t === 'tensor') it.emit({ kind: 'gradient', call: fn, target: returned.info, span: it.span(e) });
  return unknown;
}

// ---- methods on values ----

export function callMethod(it: Interpreter, obj: Val, m: string, args: Args, e: Expr, scope: Scope): Val {
  switch (obj.t) {
    case 'model':
      return modelMethod(it, obj.model, m, args, e);
    case 'layer':
      if (m === 'apply') return applyLayer(it, obj.layer, args.pos(0)?.v);
      break;
    case 'tensor':
      return tensorMethod(it, obj, m, args, e);
    case 'tape':
      if (m === 'gradient') {
        const target = args.get('target', 0);
        args.all();
        if (target?.v.t === 'tensor') it.emit({ kind: 'gradient', call: 'tape.gradient', target: { ...target.v.info, label: it.label(target.e) }, span: it.span(target.e) });
        return unknown;
      }
      break;
    case 'optimizer':
      if (m === 'minimize') {
        const f = args.pos(0)?.v;
        args.all();
        if (f?.t === 'func') {
          const r = it.callFunction(f, []);
          if (r.t === 'tensor') it.emit({ kind: 'gradient', call: 'minimize', target: r.info, span: it.span(e) });
        }
        return unknown;
      }
      break;
    case 'weights':
    case 'list':
      if ((m === 'forEach' || m === 'map') && args.pos(0)?.v.t === 'func') {
        const f = args.pos(0)!.v as Extract<Val, { t: 'func' }>;
        const el = elementOf(obj);
        // `weights.forEach(w => w.sub(…))`: the callback's statements see `w` as a weight.
        const r = it.callFunction(f, [el, unknown]);
        // `weights.map(v => v.read())` is still a list of weights.
        return m === 'map' && r.t === 'tensor' && r.variable ? { t: 'weights' } : unknown;
      }
      if (obj.t === 'list' && m === 'slice') {
        const a = num(args.pos(0)?.v) ?? 0;
        const b = num(args.pos(1)?.v);
        return { t: 'list', items: obj.items.slice(a, b) };
      }
      if (m === 'entries') return { t: 'list', items: [{ t: 'list', items: [unknown, elementOf(obj)] }] };
      break;
    case 'dict': {
      const f = obj.entries.get(m);
      if (f) return callValue(it, f, args, e, scope);
      break;
    }
    default:
      break;
  }
  args.all();
  return unknown;
}

function tensorMethod(it: Interpreter, x: Extract<Val, { t: 'tensor' }>, m: string, args: Args, e: Expr): Val {
  if (m === 'matMul' || m === 'dot' || m === 'matmul') {
    const self = { e: (e as Extract<Expr, { k: 'call' }>).callee.k === 'member' ? ((e as Extract<Expr, { k: 'call' }>).callee as Extract<Expr, { k: 'member' }>).obj : e, v: x as Val };
    return matmul(it, m, self, args.pos(0), args.pos(1), args.pos(2), e);
  }
  if (UPDATE_METHODS.has(m) || BINARY_OPS.has(m)) return elementwise(x, args.pos(0)?.v ?? unknown, it.span(e));
  if (SAME_SHAPE_OPS.has(m)) return { t: 'tensor', info: { ...x.info, label: it.label(e), span: it.span(e) }, variable: m === 'read' && x.variable };
  if (REDUCTIONS.has(m)) return reduce(it, x, args.pos(0), e);
  if (m === 'asScalar') return data(it, [], e, 'scalar');
  if (m === 'transpose' && args.count === 0 && x.info.shape) return data(it, [...x.info.shape].reverse(), e, x.info.origin);
  if (m === 'reshape') {
    const target = args.pos(0)?.v;
    const s = target ? toShape(target.t === 'list' ? { t: 'list', items: target.items.map((d) => (d.t === 'num' && d.v === -1 ? unknown : d)) } : target) : undefined;
    if (s && target?.t === 'list' && x.info.shape) {
      const total = elementCount(x.info.shape);
      const holes = target.items.filter((d) => d.t === 'num' && d.v === -1).length;
      const known = s.filter((d): d is number => d !== null).reduce((p, q) => p * q, 1);
      if (holes === 1 && total !== null && known > 0) return data(it, s.map((d) => d ?? total / known), e, x.info.origin);
      if (holes === 0) return data(it, s, e, x.info.origin);
    }
    return data(it, undefined, e, 'unknown');
  }
  args.all();
  return unknown;
}

/** Calling a value directly: user functions, Python builtins, Keras layers and models, loss objects. */
export function callValue(it: Interpreter, f: Val, args: Args, e: Expr, scope: Scope): Val {
  switch (f.t) {
    case 'func': {
      // After a spread argument, positions are unknown.
      const spreadAt = args.call.args.findIndex((x) => x.k === 'spread');
      const vals = Array.from({ length: args.count }, (_, i) => (spreadAt >= 0 && i >= spreadAt ? (args.pos(i), unknown) : args.pos(i)!.v));
      const kwargs = new Map(args.call.kwargs.map((k) => [k.name, args.value(k.value)] as const));
      return it.callFunction(f, vals, kwargs);
    }
    case 'layer':
      return applyLayer(it, f.layer, args.pos(0)?.v);
    case 'model':
      return modelMethod(it, f.model, '__call__', args, e);
    case 'loss':
      args.all();
      return data(it, [], e, 'scalar');
    case 'module':
      return callModule(it, f.path, args, e, scope);
    case 'builtin':
      return builtin(f.name, args);
    default:
      args.all();
      return unknown;
  }
}

function builtin(name: string, args: Args): Val {
  const vals = Array.from({ length: args.count }, (_, i) => args.pos(i)!.v);
  switch (name) {
    case 'zip':
      return { t: 'list', items: [{ t: 'list', items: vals.map(elementOf) }] };
    case 'enumerate':
      return { t: 'list', items: [{ t: 'list', items: [unknown, elementOf(vals[0] ?? unknown)] }] };
    case 'len':
      return vals[0]?.t === 'list' ? { t: 'num', v: vals[0].items.length } : unknown;
    case 'list':
    case 'tuple':
      return vals[0] ?? { t: 'list', items: [] };
    case 'int':
      return vals[0]?.t === 'num' ? { t: 'num', v: Math.trunc(vals[0].v) } : unknown;
    case 'float':
      return vals[0]?.t === 'num' ? vals[0] : unknown;
    default:
      return unknown;
  }
}

/** NumPy broadcasting of two known shapes; undefined when they do not broadcast. */
export function broadcastShapes(a: Shape, b: Shape): Shape | undefined {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === null || y === null) out.push(x ?? y);
    else if (x === y) out.push(x);
    else return undefined;
  }
  return out;
}

