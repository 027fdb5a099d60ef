// Tensor values: creating data tensors (TF.js, Keras, NumPy), elementwise ops, reductions,
// reshape / transpose, and matrix products (which record a matmul event for the lint rule).
import { elementCount, type Dim, type Shape } from '../../shape/dim.js';
import type { TensorInfo } from '../ir.js';
import type { Expr } from '../syntax.js';
import type { Args } from './args.js';
import { elementwise, UPDATE_METHODS, type Interpreter } from './interpreter.js';
import { asData } from './models.js';
import { nestedShape, num, toShape, unknown, type Val } from './values.js';

export type At = { a: number; b: number };

export const SAME_SHAPE_OPS = new Set([
  'round', 'abs', 'sigmoid', 'relu', 'tanh', 'exp', 'log', 'sqrt', 'square', 'neg', 'negative', 'cast', 'clipByValue',
  'clip_by_value', 'softmax', 'stop_gradient', 'identity', 'floor', 'ceil', 'sign', 'clone', 'toFloat', 'read', 'reciprocal',
]);
export const BINARY_OPS = new Set(['add', 'sub', 'subtract', 'mul', 'multiply', 'div', 'divide', 'pow', 'squaredDifference', 'squared_difference', 'maximum', 'minimum']);
export const REDUCTIONS = new Set(['mean', 'sum', 'reduce_mean', 'reduce_sum', 'max', 'min', 'reduce_max', 'reduce_min', 'norm']);
export const FILLED = new Set(['zeros', 'ones', 'empty', 'fill', 'randomUniform', 'randomNormal', 'truncatedNormal', 'randomStandardNormal', 'uniform', 'normal', 'truncated_normal', 'random_uniform', 'random_normal']);
export const FROM_VALUES = new Set(['tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d', 'constant', 'convert_to_tensor', 'array', 'asarray']);
export const GRADIENT_FNS = new Set(['grad', 'grads', 'valueAndGrad', 'valueAndGrads', 'variableGrads']);
export const FIT_CALLS = new Set(['fit', 'evaluate', 'trainOnBatch', 'train_on_batch', 'testOnBatch', 'test_on_batch']);
export const PREDICT_CALLS = new Set(['predict', 'predictOnBatch', 'predict_on_batch', 'apply', 'call', '__call__']);
export const WEIGHT_GETTERS = new Set(['getWeights', 'get_weights', 'trainable_weights', 'trainableWeights']);
export function data(it: Interpreter, shape: Shape | undefined, at: At, origin: TensorInfo['origin'] = 'data'): Val {
  const info: TensorInfo = { label: it.label(at), span: it.span(at), origin: shape ? origin : origin === 'data' ? 'unknown' : origin };
  if (shape) info.shape = shape;
  return { t: 'tensor', info, variable: false };
}

export function shapeOfValue(v: Val): Shape | undefined {
  if (v.t === 'tensor') return v.info.shape;
  if (v.t === 'list' || v.t === 'num') return nestedShape(v);
  return undefined;
}

export function numpy(it: Interpreter, path: string[], args: Args, e: Expr): Val {
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

export function reduce(it: Interpreter, x: Val | undefined, axis: { v: Val } | undefined, e: Expr): Val {
  if (x?.t !== 'tensor') return unknown;
  if (axis && axis.v.t !== 'none') return data(it, undefined, e, 'unknown');
  return data(it, [], e, 'scalar');
}

export function oneHot(it: Interpreter, args: Args, e: Expr): Val {
  const x = args.pos(0)?.v;
  const depth = num(args.get(it.language === 'python' ? 'numClasses' : 'depth', 1)?.v);
  args.all();
  const s = x ? shapeOfValue(x) : undefined;
  if (!s || depth === undefined) return data(it, undefined, e);
  const base = s.length === 2 && s[1] === 1 ? s.slice(0, 1) : s;
  return data(it, [...base, depth], e);
}


function flag(v: { v: Val } | undefined): boolean | null {
  if (!v || v.v.t === 'none') return false;
  return v.v.t === 'bool' ? v.v.v : null;
}

export function matmul(it: Interpreter, call: string, a: { e: Expr; v: Val } | undefined, b: { e: Expr; v: Val } | undefined, tA: { v: Val } | undefined, tB: { v: Val } | undefined, e: Expr): Val {
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


export function tensorMethod(it: Interpreter, x: Extract<Val, { t: 'tensor' }>, m: string, args: Args, e: Expr): Val {
  if (m === 'matMul' || m === 'dot' || m === 'matmul') {
    const self = { e: (e as Extract<Expr, { k: 'call' }>).callee.k === 'member' ? ((e as Extract<Expr, { k: 'call' }>).callee as Extract<Expr, { k: 'member' }>).obj : e, v: x as Val };
    return matmul(it, m, self, args.pos(0), args.pos(1), args.pos(2), e);
  }
  if (UPDATE_METHODS.has(m) || BINARY_OPS.has(m)) return elementwise(x, args.pos(0)?.v ?? unknown, it.span(e));
  if (SAME_SHAPE_OPS.has(m)) return { t: 'tensor', info: { ...x.info, label: it.label(e), span: it.span(e) }, variable: m === 'read' && x.variable };
  if (REDUCTIONS.has(m)) return reduce(it, x, args.pos(0), e);
  if (m === 'asScalar') return data(it, [], e, 'scalar');
  if (m === 'transpose' && args.count === 0 && x.info.shape) return data(it, [...x.info.shape].reverse(), e, x.info.origin);
  if (m === 'reshape') return reshape(it, x, args, 0, e);
  if (m === 'astype' || m === 'asType') return { t: 'tensor', info: { ...x.info, label: it.label(e), span: it.span(e) }, variable: false };
  args.all();
  return unknown;
}

/** Calling a value directly: user functions, Python builtins, Keras layers and models, loss objects. */
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



/**
 * `x.reshape([a, b])`, `x.reshape(a, b)` (NumPy), `tf.reshape(x, shape)`: the target shape, with
 * one -1 resolved from the element count; unknown entries stay unknown (the rank is still known).
 */
export function reshape(it: Interpreter, x: Extract<Val, { t: 'tensor' }>, args: Args, first: number, e: Expr): Val {
  const a = args.pos(first)?.v;
  const items = a?.t === 'list' ? a.items : a?.t === 'num' ? Array.from({ length: args.count - first }, (_, i) => args.pos(first + i)!.v) : undefined;
  if (!items) return data(it, undefined, e, 'unknown');
  const dims = items.map((d) => (d.t === 'num' && Number.isInteger(d.v) ? d.v : null));
  const holes = dims.filter((d) => d === -1).length;
  const total = x.info.shape ? elementCount(x.info.shape) : null;
  const known = dims.every((d) => d !== null) ? (dims as number[]).filter((d) => d !== -1).reduce((p, q) => p * q, 1) : null;
  const fill = holes === 1 && total !== null && known !== null && known > 0 && total % known === 0 ? total / known : null;
  const shape: Dim[] = dims.map((d) => (d === -1 ? fill : d !== null && d > 0 ? d : null));
  return data(it, holes > 1 ? undefined : shape, e, x.info.origin);
}

/** `np.expand_dims(x, axis)` / `tf.expandDims(x, axis)` / `tf.expand_dims`: a 1 inserted at axis. */
export function expandDims(it: Interpreter, x: Val | undefined, axis: Val | undefined, e: Expr): Val {
  if (x?.t !== 'tensor' || !x.info.shape) return unknown;
  const rank = x.info.shape.length + 1;
  const a = axis?.t === 'num' ? (axis.v < 0 ? rank + axis.v : axis.v) : axis === undefined ? 0 : null;
  if (a === null || a < 0 || a >= rank) return data(it, undefined, e, 'unknown');
  const shape = [...x.info.shape];
  shape.splice(a, 0, 1);
  return data(it, shape, e, x.info.origin);
}
