// Evaluate an Expr DAG on Float64 matrices: iterative over topoOrder (deep derivative DAGs never
// recurse), each node computed once and memoised by id. Re-evaluation after changing some
// variables recomputes only the nodes that depend on them — an element-wise finite difference
// changes one input at a time, a directional one all the variables it checks at once.

import type { DimValue, Expr } from '../expr/expr.js';
import * as K from './kernels/index.js';
import type { Mat } from './kernels/index.js';
import { mulberry32, uniform } from './kernels/random.js';

/**
 * An abstract scalar function F(X), instantiated as a random smooth function of X's entries:
 * F(X) = Σ c_ij·tanh(x_ij) + ½ d_ij·x_ij², so ∇F(X) = c .* (1 - tanh(X).^2) + d .* X exactly.
 * Smooth everywhere and non-linear, so a missing ∇F factor or a wrong argument is detected.
 */
export interface AbstractFn {
  c: Mat;
  d: Mat;
}

export interface Environment {
  /** Sizes of the symbolic dims. */
  dims: ReadonlyMap<string, number>;
  /** Values of the variables, by name. */
  values: ReadonlyMap<string, Mat>;
  /** Instantiated abstract functions by name; missing ones are created from the name (seeded). */
  functions?: Map<string, AbstractFn>;
  /** Seed of the abstract functions created on demand. */
  seed?: number;
}

export class EvaluationError extends Error {}

/**
 * Nodes reachable from the roots, operands first, deduplicated by object identity rather than by
 * id: node ids are only unique within one ExprBuilder, and a check often mixes the derived
 * gradient with a claim or a closed form elaborated separately.
 */
export function nodesOf(roots: readonly Expr[]): Expr[] {
  const seen = new Set<Expr>();
  const out: Expr[] = [];
  const stack: Array<[Expr, number]> = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push([r, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top[1] < top[0].args.length) {
        const child = top[0].args[top[1]++]!;
        if (!seen.has(child)) {
          seen.add(child);
          stack.push([child, 0]);
        }
      } else {
        stack.pop();
        out.push(top[0]);
      }
    }
  }
  return out;
}

export function dimSize(d: DimValue, dims: ReadonlyMap<string, number>): number {
  if (typeof d === 'number') return d;
  const v = dims.get(d);
  if (v === undefined) throw new EvaluationError(`no size for the dim '${d}'`);
  return v;
}

/** A deterministic abstract function for `name` at the given size (the same name always gives the same function). */
export function makeAbstractFn(name: string, rows: number, cols: number, seed = 0): AbstractFn {
  let h = seed ^ 0x9e3779b9;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  const rng = mulberry32(h);
  const c = K.zeros(rows, cols);
  const d = K.zeros(rows, cols);
  for (let t = 0; t < c.data.length; t++) {
    c.data[t] = uniform(rng, -1, 1);
    d.data[t] = uniform(rng, 0.25, 1);
  }
  return { c, d };
}

function abstractFn(env: Environment, name: string, x: Mat): AbstractFn {
  const fns = env.functions ?? ((env as { functions?: Map<string, AbstractFn> }).functions = new Map());
  let f = fns.get(name);
  if (!f || f.c.rows !== x.rows || f.c.cols !== x.cols) {
    f = makeAbstractFn(name, x.rows, x.cols, env.seed ?? 0);
    fns.set(name, f);
  }
  return f;
}

/** Ops whose derivative jumps at 0: a finite difference must not step across their kink. */
export const KINK_OPS: ReadonlySet<string> = new Set(['relu', 'step', 'abs', 'sign', 'norm1']);

const unary: Record<string, (a: Mat) => Mat> = {
  exp: K.exp, log: K.log, sqrt: K.sqrt, abs: K.abs, sign: K.sign, step: K.step, sigmoid: K.sigmoid,
  tanh: K.tanh, relu: K.relu, softplus: K.softplus, sin: K.sin, cos: K.cos,
  neg: K.neg, transpose: K.transpose, sum: K.sum, mean: K.mean, norm2: K.norm2, norm1: K.norm1,
  softmax: K.softmax, logsumexp: K.logsumexp, tr: K.trace, inv: K.inv, diag: K.diag,
  det: K.det,
  logdet: K.logdet,
  numel: (a) => K.scalar(a.rows * a.cols),
};

const binary: Record<string, (a: Mat, b: Mat) => Mat> = {
  add: K.add, sub: K.sub, hadamard: K.mul, div: K.div, pow: K.pow, matmul: K.matmul,
  scale: (a, b) => K.scale(b, K.toScalar(a)),
};

/** One node from its operands' values. */
export function evalNode(e: Expr, args: readonly Mat[], env: Environment): Mat {
  switch (e.op) {
    case 'var': {
      const v = env.values.get(e.name!);
      if (!v) throw new EvaluationError(`no value for the variable '${e.name}'`);
      return v;
    }
    case 'num':
      return K.scalar(e.value!);
    case 'ones':
      return K.ones(dimSize(e.dims![0]!, env.dims), dimSize(e.dims![1]!, env.dims));
    case 'zeros':
      return K.zeros(dimSize(e.dims![0]!, env.dims), dimSize(e.dims![1]!, env.dims));
    case 'eye':
      return K.eye(dimSize(e.dims![0]!, env.dims));
    case 'mpow':
      return K.matpow(args[0]!, e.value!);
    case 'apply': {
      const x = args[0]!;
      const f = abstractFn(env, e.name!, x);
      let s = 0;
      for (let t = 0; t < x.data.length; t++) {
        const v = x.data[t]!;
        s += f.c.data[t]! * Math.tanh(v) + 0.5 * f.d.data[t]! * v * v;
      }
      return K.scalar(s);
    }
    case 'grad': {
      const x = args[0]!;
      const f = abstractFn(env, e.name!, x);
      const out = K.zeros(x.rows, x.cols);
      for (let t = 0; t < x.data.length; t++) {
        const v = x.data[t]!;
        const th = Math.tanh(v);
        out.data[t] = f.c.data[t]! * (1 - th * th) + f.d.data[t]! * v;
      }
      return out;
    }
  }
  const u = unary[e.op];
  if (u) return u(args[0]!);
  const b = binary[e.op];
  if (b) return b(args[0]!, args[1]!);
  throw new EvaluationError(`no numeric evaluation for the op '${e.op}'`);
}

/** Node values of an evaluation at an environment, with the variable values it was made with. */
interface Remembered {
  values: Map<Expr, Mat>;
  inputs: Array<[string, Mat]>;
}

const remembered = new WeakMap<Environment, Remembered>();

/**
 * Keep the node values of `ev` at `env` (instantiation evaluates the function and its claimed
 * derivatives once; the checks then reuse those values instead of evaluating again). A later
 * `run` at the same environment object takes a remembered node as it is, as long as every
 * variable still has the same value object; nothing is kept past the environment's life.
 */
export function rememberValues(env: Environment, ev: Evaluator, vals: readonly Mat[]): void {
  const r = remembered.get(env) ?? { values: new Map<Expr, Mat>(), inputs: [...env.values] };
  ev.order.forEach((e, i) => r.values.set(e, vals[i]!));
  remembered.set(env, r);
}

function rememberedAt(env: Environment): Map<Expr, Mat> | undefined {
  const r = remembered.get(env);
  if (!r || r.inputs.length !== env.values.size) return undefined;
  for (const [name, m] of r.inputs) if (env.values.get(name) !== m) return undefined;
  return r.values;
}

/**
 * A compiled evaluator for fixed roots: `run` evaluates every node; `rerun` reuses a previous
 * run and recomputes only what depends on the changed variables.
 */
export class Evaluator {
  readonly order: Expr[];
  private readonly index = new Map<Expr, number>();
  private readonly dependents = new Map<string, number[]>();

  constructor(readonly roots: readonly Expr[]) {
    this.order = nodesOf(roots);
    this.order.forEach((e, i) => this.index.set(e, i));
  }

  /** Values of every node, in `order`. */
  run(env: Environment): Mat[] {
    const known = rememberedAt(env);
    const vals: Mat[] = new Array(this.order.length);
    for (let i = 0; i < this.order.length; i++) {
      const e = this.order[i]!;
      vals[i] = known?.get(e) ?? evalNode(e, e.args.map((a) => vals[this.index.get(a)!]!), env);
    }
    return vals;
  }

  /** Like `run`, with the variables `names` given other values, reusing `base` for unaffected nodes. */
  rerun(base: readonly Mat[], env: Environment, names: string | readonly string[]): Mat[] {
    const vals = base.slice();
    for (const i of this.affected(typeof names === 'string' ? [names] : names)) {
      const e = this.order[i]!;
      vals[i] = evalNode(e, e.args.map((a) => vals[this.index.get(a)!]!), env);
    }
    return vals;
  }

  valueOf(vals: readonly Mat[], e: Expr): Mat {
    const i = this.index.get(e);
    if (i === undefined) throw new EvaluationError('the node is not part of this evaluator');
    return vals[i]!;
  }

  /** Indices (in `order`) of the nodes that depend on any of the variables, cached per set. */
  private affected(names: readonly string[]): number[] {
    const key = names.join('\u0000');
    let list = this.dependents.get(key);
    if (!list) {
      const dep = new Set<Expr>();
      list = [];
      for (let i = 0; i < this.order.length; i++) {
        const e = this.order[i]!;
        if ((e.op === 'var' && names.includes(e.name!)) || e.args.some((a) => dep.has(a))) {
          dep.add(e);
          list.push(i);
        }
      }
      this.dependents.set(key, list);
    }
    return list;
  }
}

/** Evaluate one expression. */
export function evaluate(e: Expr, env: Environment): Mat {
  const ev = new Evaluator([e]);
  return ev.valueOf(ev.run(env), e);
}

/** Signs of the arguments of every kink op (relu, abs, …): equal signatures mean no kink was crossed. */
export function kinkSignature(ev: Evaluator, vals: readonly Mat[]): Int8Array {
  let n = 0;
  for (const e of ev.order) if (KINK_OPS.has(e.op)) n += ev.valueOf(vals, e.args[0]!).data.length;
  const out = new Int8Array(n);
  let t = 0;
  for (const e of ev.order) {
    if (!KINK_OPS.has(e.op)) continue;
    const d = ev.valueOf(vals, e.args[0]!).data;
    for (let i = 0; i < d.length; i++) out[t++] = d[i]! > 0 ? 1 : d[i]! < 0 ? -1 : 0;
  }
  return out;
}
