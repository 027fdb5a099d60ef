// What the TensorFlow.js / Keras / NumPy calls mean for shapes: the dispatch from a call to the
// models, layers and tensors it builds or uses. Calls not listed here evaluate their arguments
// (they may contain calls we know) and give `unknown`.
import { findLayerRule } from '../../../rules/layers/registry.js';
import type { Expr } from '../syntax.js';
import type { Args } from './args.js';
import { elementOf, elementwise, type Interpreter } from './interpreter.js';
import { applyLayer, makeFunctional, makeInput, makeLayer, makeSequential, modelMethod } from './models.js';
import { BINARY_OPS, data, expandDims, FILLED, FROM_VALUES, GRADIENT_FNS, matmul, numpy, oneHot, reduce, REDUCTIONS, reshape, SAME_SHAPE_OPS, shapeOfValue, tensorMethod } from './tensors.js';
import { num, toShape, unknown, type Scope, type Val } from './values.js';

export { broadcastShapes } from './tensors.js';

const MERGE_HELPERS: Readonly<Record<string, string>> = { add: 'Add', multiply: 'Multiply', concatenate: 'Concatenate' };


export function callModule(it: Interpreter, path: string[], args: Args, e: Expr, scope: Scope, callName?: string): Val {
  const fn = path[path.length - 1]!;
  const lower = fn.toLowerCase();
  const root = path[0];
  const inLayers = path.includes('layers');
  const py = it.language === 'python';

  if (lower === 'input' && (inLayers || path.length <= 3)) return makeInput(it, args, e);
  // Keras's functional helpers `layers.add([a, b])`, `layers.concatenate([a, b], axis=…)` build
  // the merge layer and apply it at once (TF.js's tf.layers.add(config) only builds it).
  const merge = py && inLayers ? MERGE_HELPERS[fn] : undefined;
  if (merge) {
    const inputs = args.pos(0);
    const layer = makeLayer(it, merge, args, e);
    return layer.t === 'layer' && inputs ? applyLayer(it, layer.layer, inputs.v) : unknown;
  }
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
  if (fn === 'tidy') {
    // tf.tidy(fn) runs fn now and returns its result.
    const f = args.get('fn', args.count > 1 ? 1 : 0)?.v;
    return f?.t === 'func' ? it.callFunction(f, []) : (args.all(), unknown);
  }
  if (fn === 'reshape') {
    const x = args.pos(0)?.v;
    return x?.t === 'tensor' ? reshape(it, x, args, 1, e) : (args.all(), unknown);
  }
  if (fn === 'expand_dims' || fn === 'expandDims') return expandDims(it, args.pos(0)?.v, args.get('axis', 1)?.v, e);
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

