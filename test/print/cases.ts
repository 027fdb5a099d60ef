// Derivations checked numerically by the code printers' tests (numpy and TypeScript).
import type { DimValue } from '../../src/expr/expr.js';
import { freeVariables, topoOrder } from '../../src/expr/expr.js';
import { deriveText, type Derived } from './derive-helper.js';

export type InputKind = 'normal' | 'positive' | 'spd' | 'wellcond';

export interface NumericCase {
  name: string;
  text: string;
  shapes: Record<string, string>;
  wrt: string[];
  hessian?: boolean;
  kinds?: Record<string, InputKind>;
}

export const CASES: NumericCase[] = [
  { name: 'seed: least squares through a sigmoid', text: '0.5*sum((σ(W*h) - y).^2)', shapes: { W: 'm,n', h: 'n', y: 'm' }, wrt: ['W', 'h', 'y'] },
  {
    name: '2-layer MLP over a batch with biases',
    text: 'sum((W2*tanh(W1*X + b1) + b2 - T).^2)/2',
    shapes: { X: 'd,batch', W1: 'h,d' },
    wrt: ['W1', 'b1', 'W2', 'b2', 'X'],
  },
  { name: 'softmax cross-entropy over a batch', text: '-sum(T .* log(softmax(W*X + b)))', shapes: { X: 'n,batch', W: 'm,n', T: 'm,batch' }, wrt: ['W', 'b', 'X'], kinds: { T: 'positive' } },
  { name: 'logsumexp', text: 'sum(logsumexp(W*X)) - sum(T .* (W*X))', shapes: { X: 'n,batch', W: 'm,n' }, wrt: ['W', 'X'] },
  { name: 'logdet and trace', text: 'logdet(X) - tr(S*X)', shapes: { X: 'n,n', S: 'n,n' }, wrt: ['X', 'S'], kinds: { X: 'spd' } },
  { name: 'inverse', text: "a'*inv(X)*b", shapes: { X: 'n,n', a: 'n', b: 'n' }, wrt: ['X', 'a', 'b'], kinds: { X: 'wellcond' } },
  { name: 'trace of a product', text: 'tr(A*X*B)', shapes: { A: 'm,n', X: 'n,p', B: 'p,m' }, wrt: ['A', 'X', 'B'] },
  { name: 'quadratic form', text: "x'*A*x", shapes: { A: 'n,n', x: 'n' }, wrt: ['x', 'A'] },
  { name: 'norm2 of a residual', text: 'norm2(A*x - b)', shapes: { A: 'm,n', x: 'n' }, wrt: ['A', 'x', 'b'] },
  { name: 'matrix powers', text: 'tr(A^3*B) + sum(A^2) + sum(C^-2)', shapes: { A: 'n,n', B: 'n,n', C: 'n,n' }, wrt: ['A', 'B', 'C'], kinds: { C: 'wellcond' } },
  {
    name: 'relu, softplus, tanh',
    text: 'sum(relu(W*x) .* softplus(V*x)) + sum(tanh(W*x))',
    shapes: { W: 'm,n', V: 'm,n', x: 'n' },
    wrt: ['W', 'V', 'x'],
  },
  { name: 'diag both ways', text: "sum(diag(x)*A*diag(y)) + x'*diag(A)", shapes: { A: 'n,n', x: 'n', y: 'n' }, wrt: ['A', 'x', 'y'] },
  {
    name: 'exp, sqrt, log, mean, norm1, sin, cos',
    text: 'mean(exp(x) + sqrt(y) .* log(y)) + norm1(z) + sum(sin(x) .* cos(x))',
    shapes: { x: 'n', y: 'n', z: 'm,n' },
    wrt: ['x', 'y', 'z'],
    kinds: { y: 'positive' },
  },
  { name: 'determinant', text: 'det(X)*norm2(x)', shapes: { X: '3,3', x: 'n' }, wrt: ['X', 'x'] },
  { name: 'abstract loss E', text: 'E(σ(W*h))', shapes: { W: 'm,n', h: 'n' }, wrt: ['W', 'h'] },
  { name: 'abstract functions of a scalar and of a vector', text: 'E(sum(x .* x)) + F(W*x)', shapes: { W: 'm,n', x: 'n' }, wrt: ['x', 'W'] },
  { name: 'scalar variables', text: 'sum((a*x - y).^2) + a^2 + b*c/a', shapes: { a: 'scalar', b: 'scalar', c: 'scalar', x: 'n' }, wrt: ['a', 'x', 'b'], kinds: { a: 'positive' } },
  { name: 'division and powers', text: 'sum(x ./ y) + sum(x)/norm2(y) + sum(y .^ x) + sum(y.^a)', shapes: { x: 'n', y: 'n', a: 'scalar' }, wrt: ['x', 'y', 'a'], kinds: { y: 'positive' } },
  { name: 'mean squared error with numel', text: 'sum((σ(W*X) - T).^2)/numel(T) + mean(W)', shapes: { W: 'm,n', X: 'n,batch' }, wrt: ['W'] },
  { name: 'Jacobian of a sigmoid layer', text: 'σ(W*x)', shapes: { W: 'm,n', x: 'n' }, wrt: ['x'] },
  { name: 'Jacobian of softmax', text: 'softmax(W*x)', shapes: { W: 'm,n', x: 'n' }, wrt: ['x'] },
  { name: 'Hessian of a quadratic form', text: "x'*A*x", shapes: { A: 'n,n', x: 'n' }, wrt: ['x'], hessian: true },
  {
    name: 'free dim, Greek name, constant derivatives',
    text: "sum(θ .* x) + 2*a + sum(ones(k, 1))*a + b'*x",
    shapes: { θ: 'n', a: 'scalar' },
    wrt: ['θ', 'x', 'a'],
  },
  {
    name: '1×1 matrices through every linear-algebra op',
    text: 'sum(x .^ 3) + det(A)*tr(B^2) + logdet(C) + sum(inv(C)) + sum(softmax(c)) + logsumexp(c) + norm2(c) + sum(diag(A))',
    shapes: { A: '1,1', B: '1,1', C: '1,1', c: '1,1' },
    wrt: ['x', 'A', 'B', 'C', 'c'],
    kinds: { C: 'positive', c: 'positive' },
  },
  { name: 'Hessian of sum(exp(x))', text: 'sum(exp(x))', shapes: { x: 'n' }, wrt: ['x'], hessian: true },
  // Found by the printers' checks in the calculus layer (jacobian.ts spread), fixed since.
  { name: 'Jacobian of a sum of two x-dependent terms', text: 'W*x + V*x', shapes: { W: 'm,n', V: 'm,n', x: 'n' }, wrt: ['x'] },
  { name: 'Jacobian of exp(x) + x', text: 'exp(x) + x', shapes: { x: 'n' }, wrt: ['x'] },
  { name: 'Hessian of sum(log(x))', text: 'sum(log(x))', shapes: { x: 'n' }, wrt: ['x'], hessian: true, kinds: { x: 'positive' } },
  { name: 'Hessian of sum(x.^3)', text: 'sum(x.^3)', shapes: { x: 'n' }, wrt: ['x'], hessian: true },
  { name: 'Hessian of sum(exp(x)) + sum(x.^2)', text: 'sum(exp(x)) + sum(x.^2)', shapes: { x: 'n' }, wrt: ['x'], hessian: true },
];

/** Concrete sizes for symbolic dims, all different so that a transposition shows. */
export const SIZES: Record<string, number> = { m: 3, n: 4, d: 5, h: 2, batch: 6, p: 5, k: 3 };

export function sizeOf(d: DimValue): number {
  return typeof d === 'number' ? d : SIZES[d] ?? 3;
}

export interface Prepared {
  c: NumericCase;
  r: Derived;
  /** Variable name → [rows, cols] in numbers, and how to draw it. */
  vars: Array<{ name: string; shape: [number, number]; scalar: boolean; kind: InputKind }>;
  abstracts: string[];
  /** Dims that no variable has (parameters of the generated functions), with their sizes. */
  freeDims: Array<{ name: string; size: number }>;
  functions: Array<{ name: string; wrt: string | null; kind: string }>;
}

export function prepare(c: NumericCase): Prepared {
  const r = deriveText(c.text, c.shapes, c.wrt, { hessian: !!c.hessian });
  const vars = freeVariables([r.root]).map((v) => ({
    name: v.name!,
    shape: [sizeOf(v.rows), sizeOf(v.cols)] as [number, number],
    scalar: v.rows === 1 && v.cols === 1,
    kind: c.kinds?.[v.name!] ?? ('normal' as InputKind),
  }));
  const abstracts = [...new Set([r.root, ...r.d.derivatives.map((k) => k.expr)].flatMap((e) => collectAbstracts(e)))];
  const prefix = { gradient: 'grad', jacobian: 'jacobian', hessian: 'hessian' } as const;
  const functions = [{ name: 'value', wrt: null as string | null, kind: 'value' }, ...r.d.derivatives.map((k) => ({ name: `${prefix[k.kind]}_${k.wrt}`, wrt: k.wrt, kind: k.kind as string }))];
  const varDims = new Set(freeVariables([r.root]).flatMap((v) => [v.rows, v.cols]));
  const freeDims = [...new Set(topoOrder([r.root, ...r.d.derivatives.map((k) => k.expr)]).flatMap((e) => (e.dims ?? []).filter((x): x is string => typeof x === 'string' && !varDims.has(x))))].map((name) => ({ name, size: sizeOf(name) }));
  return { c, r, vars, abstracts, freeDims, functions };
}

function collectAbstracts(e: import('../../src/expr/expr.js').Expr): string[] {
  const out: string[] = [];
  const stack = [e];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.op === 'apply' || n.op === 'grad') out.push(n.name!);
    stack.push(...n.args);
  }
  return out;
}
