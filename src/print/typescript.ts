// A derivation as a self-contained TypeScript module: `value(v)` for the expression and one
// `grad_W(v)` per derivative over `v: Variables` (every free variable of the expression), with
// the small matrix helpers it uses embedded (type Matrix = number[][], row-major; vectors are
// n×1 columns; 1×1 values are plain numbers). Compiles standalone with `tsc --strict`.

import type { DimValue, Expr } from '../expr/expr.js';
import { printExpr } from '../expr/print.js';
import type { Derivation } from '../calculus/derive.js';
import { isScalar, planCode, renderWith, shapeText, type CodePlan, type PlannedFunction, type VariableShape } from './plan.js';

const KEYWORDS = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'await', 'async', 'of', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  // Names the generated code relies on.
  'Math', 'Array', 'Error', 'Number', 'Matrix', 'Variables', 'shapes', 'v', '_v',
];

interface Helper {
  deps: string[];
  code: string;
}

/** Helper functions, emitted (with their dependencies) only when used. Written for `--strict --noUncheckedIndexedAccess`. */
const HELPERS: Record<string, Helper> = {
  item: {
    deps: [],
    code: `/** The number in a 1×1 matrix. */
function item(a: Matrix): number {
  return a[0]![0]!;
}`,
  },
  fill: {
    deps: [],
    code: `function fill(rows: number, cols: number, value: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(value));
}`,
  },
  eye: {
    deps: ['fill'],
    code: `function eye(n: number): Matrix {
  const out = fill(n, n, 0);
  for (let i = 0; i < n; i++) out[i]![i] = 1;
  return out;
}`,
  },
  map: {
    deps: [],
    code: `function map(a: Matrix, f: (x: number) => number): Matrix {
  return a.map((row) => row.map((x) => f(x)));
}`,
  },
  zip: {
    deps: [],
    code: `/** Elementwise f of two operands, broadcasting numbers, 1×n rows and m×1 columns like numpy. */
function zip(a: Matrix | number, b: Matrix | number, f: (x: number, y: number) => number): Matrix {
  const A = typeof a === 'number' ? [[a]] : a;
  const B = typeof b === 'number' ? [[b]] : b;
  const rows = Math.max(A.length, B.length);
  const cols = Math.max(A[0]!.length, B[0]!.length);
  if ((A.length !== rows && A.length !== 1) || (B.length !== rows && B.length !== 1) || (A[0]!.length !== cols && A[0]!.length !== 1) || (B[0]!.length !== cols && B[0]!.length !== 1)) {
    throw new Error(\`shapes \${A.length}×\${A[0]!.length} and \${B.length}×\${B[0]!.length} do not broadcast\`);
  }
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const ra = A[A.length === 1 ? 0 : i]!;
    const rb = B[B.length === 1 ? 0 : i]!;
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) row[j] = f(ra[ra.length === 1 ? 0 : j]!, rb[rb.length === 1 ? 0 : j]!);
    out.push(row);
  }
  return out;
}`,
  },
  add: { deps: ['zip'], code: `function add(a: Matrix | number, b: Matrix | number): Matrix {\n  return zip(a, b, (x, y) => x + y);\n}` },
  sub: { deps: ['zip'], code: `function sub(a: Matrix | number, b: Matrix | number): Matrix {\n  return zip(a, b, (x, y) => x - y);\n}` },
  mul: { deps: ['zip'], code: `/** Elementwise (Hadamard) product; a number scales. */\nfunction mul(a: Matrix | number, b: Matrix | number): Matrix {\n  return zip(a, b, (x, y) => x * y);\n}` },
  div: { deps: ['zip'], code: `function div(a: Matrix | number, b: Matrix | number): Matrix {\n  return zip(a, b, (x, y) => x / y);\n}` },
  pow: { deps: ['zip'], code: `function pow(a: Matrix | number, b: Matrix | number): Matrix {\n  return zip(a, b, (x, y) => x ** y);\n}` },
  neg: { deps: ['map'], code: `function neg(a: Matrix): Matrix {\n  return map(a, (x) => -x);\n}` },
  matmul: {
    deps: [],
    code: `function matmul(a: Matrix, b: Matrix): Matrix {
  const n = b[0]!.length;
  if (a[0]!.length !== b.length) throw new Error(\`matmul: \${a.length}×\${a[0]!.length} times \${b.length}×\${n}\`);
  return a.map((row) => {
    const out = new Array<number>(n).fill(0);
    row.forEach((x, k) => {
      const bk = b[k]!;
      for (let j = 0; j < n; j++) out[j] = out[j]! + x * bk[j]!;
    });
    return out;
  });
}`,
  },
  transpose: {
    deps: [],
    code: `function transpose(a: Matrix): Matrix {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}`,
  },
  sum: {
    deps: [],
    code: `function sum(a: Matrix): number {
  let s = 0;
  for (const row of a) for (const x of row) s += x;
  return s;
}`,
  },
  mean: { deps: ['sum'], code: `function mean(a: Matrix): number {\n  return sum(a) / (a.length * a[0]!.length);\n}` },
  norm2: {
    deps: [],
    code: `/** Euclidean norm of a vector, Frobenius norm of a matrix. */
function norm2(a: Matrix): number {
  let s = 0;
  for (const row of a) for (const x of row) s += x * x;
  return Math.sqrt(s);
}`,
  },
  norm1: {
    deps: [],
    code: `function norm1(a: Matrix): number {
  let s = 0;
  for (const row of a) for (const x of row) s += Math.abs(x);
  return s;
}`,
  },
  softmax: {
    deps: [],
    code: `/** Column-wise softmax, stable. */
function softmax(a: Matrix): Matrix {
  const out = a.map((row) => row.slice());
  for (let j = 0; j < a[0]!.length; j++) {
    let m = -Infinity;
    for (const row of a) m = Math.max(m, row[j]!);
    let s = 0;
    for (const row of out) {
      row[j] = Math.exp(row[j]! - m);
      s += row[j]!;
    }
    for (const row of out) row[j] = row[j]! / s;
  }
  return out;
}`,
  },
  logsumexp: {
    deps: [],
    code: `/** Column-wise log-sum-exp (a 1×n row), stable. */
function logsumexp(a: Matrix): Matrix {
  return [
    a[0]!.map((_, j) => {
      let m = -Infinity;
      for (const row of a) m = Math.max(m, row[j]!);
      let s = 0;
      for (const row of a) s += Math.exp(row[j]! - m);
      return m + Math.log(s);
    }),
  ];
}`,
  },
  trace: {
    deps: [],
    code: `function trace(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]![i]!;
  return s;
}`,
  },
  lu: {
    deps: [],
    code: `/** LU factors (in one matrix) with partial pivoting, and the sign of the row permutation. */
function lu(a: Matrix): { lu: Matrix; sign: number } {
  const n = a.length;
  const m = a.map((row) => row.slice());
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    if (p !== k) {
      const t = m[p]!;
      m[p] = m[k]!;
      m[k] = t;
      sign = -sign;
    }
    const rk = m[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = m[i]!;
      const f = ri[k]! / rk[k]!;
      ri[k] = f;
      for (let j = k + 1; j < n; j++) ri[j] = ri[j]! - f * rk[j]!;
    }
  }
  return { lu: m, sign };
}`,
  },
  det: {
    deps: ['lu'],
    code: `function det(a: Matrix): number {
  const { lu: m, sign } = lu(a);
  let d = sign;
  for (let i = 0; i < m.length; i++) d *= m[i]![i]!;
  return d;
}`,
  },
  logdet: {
    deps: ['lu'],
    code: `/** log det a; NaN unless det a > 0. */
function logdet(a: Matrix): number {
  const { lu: m, sign } = lu(a);
  let s = sign;
  let l = 0;
  for (let i = 0; i < m.length; i++) {
    const u = m[i]![i]!;
    if (u < 0) s = -s;
    l += Math.log(Math.abs(u));
  }
  return s > 0 ? l : NaN;
}`,
  },
  inv: {
    deps: [],
    code: `/** Inverse by Gauss–Jordan elimination with partial pivoting. */
function inv(a: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    const t = m[p]!;
    m[p] = m[k]!;
    m[k] = t;
    const rk = m[k]!;
    const pivot = rk[k]!;
    if (pivot === 0) throw new Error('inv: the matrix is singular');
    for (let j = 0; j < 2 * n; j++) rk[j] = rk[j]! / pivot;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const ri = m[i]!;
      const f = ri[k]!;
      for (let j = 0; j < 2 * n; j++) ri[j] = ri[j]! - f * rk[j]!;
    }
  }
  return m.map((row) => row.slice(n));
}`,
  },
  mpow: {
    deps: ['inv', 'eye', 'matmul'],
    code: `/** Integer power of a square matrix (negative: of its inverse). */
function mpow(a: Matrix, k: number): Matrix {
  if (k < 0) return mpow(inv(a), -k);
  let result = eye(a.length);
  let base = a;
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = matmul(result, base);
    if (e > 1) base = matmul(base, base);
  }
  return result;
}`,
  },
  diagFromVector: {
    deps: ['fill'],
    code: `/** The diagonal matrix with the column x on its diagonal. */
function diagFromVector(x: Matrix): Matrix {
  const out = fill(x.length, x.length, 0);
  for (let i = 0; i < x.length; i++) out[i]![i] = x[i]![0]!;
  return out;
}`,
  },
  diagOfMatrix: {
    deps: [],
    code: `/** The diagonal of a square matrix, as a column. */
function diagOfMatrix(a: Matrix): Matrix {
  return a.map((row, i) => [row[i]!]);
}`,
  },
  sigmoid: {
    deps: [],
    code: `/** Logistic sigmoid, stable for large |x|. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}`,
  },
  softplus: { deps: [], code: `/** log(1 + exp(x)), stable. */\nfunction softplus(x: number): number {\n  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));\n}` },
  relu: { deps: [], code: `function relu(x: number): number {\n  return Math.max(x, 0);\n}` },
  step: { deps: [], code: `/** Heaviside step: 1 where x > 0, else 0. */\nfunction step(x: number): number {\n  return x > 0 ? 1 : 0;\n}` },
};

const RESERVED = new Set([...KEYWORDS, ...Object.keys(HELPERS)]);

// TypeScript precedence: + - < * / < unary - < ** (left operand not unary) < calls, literals.
const P = { add: 3, mul: 4, neg: 5, pow: 6, atom: 7 } as const;

interface Ts {
  text: string;
  prec: number;
}

function tsNumber(v: number): string {
  return Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? 'Infinity' : String(v);
}

const SCALAR_FN: Record<string, string> = {
  exp: 'Math.exp',
  log: 'Math.log',
  sqrt: 'Math.sqrt',
  abs: 'Math.abs',
  sign: 'Math.sign',
  tanh: 'Math.tanh',
  sin: 'Math.sin',
  cos: 'Math.cos',
  sigmoid: 'sigmoid',
  softplus: 'softplus',
  relu: 'relu',
  step: 'step',
};

export interface TsOptions {
  /** Text for the module comment's first line. */
  title?: string;
}

/**
 * The derivation as a TypeScript module. `variables` (optional) gives the declared shapes and the
 * order of the fields of `Variables` — `analysis.elaborated.variables` fits.
 */
export function derivationToTs(root: Expr, d: Derivation, variables?: ReadonlyMap<string, VariableShape>, options: TsOptions = {}): string {
  const plan = planCode(root, d, { reserved: RESERVED }, variables);
  const helpers = new Set<string>();
  const dimIdent = new Map<string, string>();
  for (const f of plan.functions) for (const pd of f.dims) dimIdent.set(pd.dim, pd.ident);
  for (const pd of plan.freeDims) dimIdent.set(pd.dim, pd.ident);
  const ctx: Ctx = {
    dim: (x) => (typeof x === 'number' ? String(x) : dimIdent.get(x) ?? x),
    helper: (h) => {
      helpers.add(h);
      return h;
    },
    varIdent: new Map(plan.variables.map((v) => [v.name, v.ident])),
    abstractIdent: new Map(plan.abstracts.map((a) => [a.name, a])),
  };
  const render = (e: Expr, names: ReadonlyMap<number, string>): Ts =>
    renderWith<Ts>(e, names, (ident) => ({ text: ident, prec: P.atom }), (n, get) => tsNode(n, get, ctx));
  const fns = plan.functions.map((f) => tsFunction(f, render));

  // Helpers with their dependencies, in the table's order.
  const needed = new Set<string>();
  const visit = (h: string) => {
    if (needed.has(h)) return;
    needed.add(h);
    for (const x of HELPERS[h]!.deps) visit(x);
  };
  for (const h of helpers) visit(h);

  const out: string[] = [];
  out.push(moduleComment(plan, options.title));
  out.push('');
  out.push('export type Matrix = number[][];');
  out.push('');
  out.push(variablesInterface(plan));
  out.push('');
  out.push('/** The declared shape of each variable: [rows, columns]. */');
  out.push(`export const shapes = {${plan.variables.map((v) => ` ${propertyName(v.name)}: [${tsDim(v.rows)}, ${tsDim(v.cols)}]`).join(',')}${plan.variables.length > 0 ? ' ' : ''}} as const;`);
  for (const h of Object.keys(HELPERS)) if (needed.has(h)) out.push('', HELPERS[h]!.code);
  for (const f of fns) out.push('', f);
  return `${out.join('\n')}\n`;
}

function tsDim(x: DimValue): string {
  return typeof x === 'number' ? String(x) : JSON.stringify(x);
}

function propertyName(name: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : JSON.stringify(name);
}

function commentText(s: string): string {
  return s.replace(/\*\//g, '* /');
}

function moduleComment(plan: CodePlan, title?: string): string {
  const scalar = isScalar(plan.root);
  const lines = [
    `${title ?? `Generated by shapegrad: ${scalar ? 'gradients' : 'Jacobians'} of`}`,
    '',
    `  ${scalar ? 'E' : 'f'} = ${printExpr(plan.root)}`,
    '',
    'Every function takes all the variables (the Variables interface): matrices as number[][]',
    '(row-major), vectors as n×1 columns, 1×1 variables as numbers. Gradients are in denominator',
    'layout (dE/dX has the shape of X); Jacobians in numerator layout ([rows(f) × rows(x)]).',
  ];
  return lines.map((l) => (l === '' ? '//' : `// ${l}`)).join('\n');
}

function variablesInterface(plan: CodePlan): string {
  const lines = ['export interface Variables {'];
  for (const v of plan.variables) {
    lines.push(`  /** ${commentText(v.name)}: ${shapeText(v)}${v.symmetric ? ', assumed symmetric' : ''} */`);
    lines.push(`  ${propertyName(v.name)}: ${isScalar(v) ? 'number' : 'Matrix'};`);
  }
  for (const a of plan.abstracts) {
    const t = isScalar(a) ? 'number' : 'Matrix';
    lines.push(`  /** The abstract function ${commentText(a.name)} of an argument of shape ${shapeText(a)}. */`);
    lines.push(`  ${propertyName(a.name)}: (x: ${t}) => number;`);
    lines.push(`  /** The gradient of ${commentText(a.name)}, with the shape of its argument. */`);
    lines.push(`  ${propertyName(`grad_${a.name}`)}: (x: ${t}) => ${t};`);
  }
  for (const x of plan.freeDims) {
    lines.push(`  /** The size of dimension ${commentText(x.dim)}. */`);
    lines.push(`  ${propertyName(x.dim)}: number;`);
  }
  lines.push('}');
  return lines.join('\n');
}

function label(f: PlannedFunction): string {
  if (f.kind === 'value') return isScalar(f.result) ? 'E' : 'f';
  if (f.kind === 'gradient') return `dE/d${f.wrt}`;
  if (f.kind === 'jacobian') return `df/d${f.wrt} (Jacobian)`;
  return `d2E/d${f.wrt}2 (Hessian)`;
}

function tsFunction(f: PlannedFunction, render: (e: Expr, names: ReadonlyMap<number, string>) => Ts): string {
  const scalar = isScalar(f.result);
  // Render first: what the body reads decides what is destructured.
  const body: string[] = [];
  for (const s of f.statements) body.push(`  const ${s.ident} = ${render(s.expr, f.names).text};`);
  body.push(`  return ${render(f.result, f.names).text};`);
  const fields: string[] = [];
  const field = (name: string, ident: string) => fields.push(name === ident ? ident : `${propertyName(name)}: ${ident}`);
  for (const v of f.variables) field(v.name, v.ident);
  for (const pd of f.dims) if (pd.source) field(pd.source.variable.name, pd.source.variable.ident);
  for (const { abstract: a, value, grad } of f.abstracts) {
    if (value) field(a.name, a.ident);
    if (grad) field(`grad_${a.name}`, a.gradIdent);
  }
  for (const pd of f.dims) if (!pd.source) field(pd.dim, pd.ident);
  const lines: string[] = [];
  lines.push(`/** ${commentText(label(f))}, ${scalar ? 'a number' : shapeText(f.result)}. */`);
  lines.push(`export function ${f.ident}(${fields.length > 0 ? 'v' : '_v'}: Variables): ${scalar ? 'number' : 'Matrix'} {`);
  if (fields.length > 0) lines.push(`  const { ${[...new Set(fields)].join(', ')} } = v;`);
  for (const pd of f.dims) if (pd.source) lines.push(`  const ${pd.ident} = ${pd.source.axis === 0 ? `${pd.source.variable.ident}.length` : `${pd.source.variable.ident}[0]!.length`};`);
  lines.push(...body);
  lines.push('}');
  return lines.join('\n');
}

interface Ctx {
  dim: (d: DimValue) => string;
  helper: (h: string) => string;
  varIdent: ReadonlyMap<string, string>;
  abstractIdent: ReadonlyMap<string, { ident: string; gradIdent: string }>;
}

function wrap(p: Ts, min: number): string {
  return p.prec < min ? `(${p.text})` : p.text;
}

const NATIVE: Record<string, [string, number]> = { add: ['+', P.add], sub: ['-', P.add], hadamard: ['*', P.mul], scale: ['*', P.mul], matmul: ['*', P.mul], div: ['/', P.mul] };
const ELEMENTWISE: Record<string, string> = { add: 'add', sub: 'sub', hadamard: 'mul', scale: 'mul', matmul: 'mul', div: 'div', pow: 'pow' };

function tsNode(e: Expr, get: (a: Expr) => Ts, c: Ctx): Ts {
  const args = e.args.map(get);
  const [x, y] = args as [Ts, Ts];
  const S = isScalar(e);
  const argS = e.args.map(isScalar);
  const atom = (text: string): Ts => ({ text, prec: P.atom });
  const call = (f: string, ...a: string[]) => atom(`${f}(${a.join(', ')})`);
  const helper = (h: string, ...a: string[]) => call(c.helper(h), ...a);
  const item = (p: Ts): Ts => (S ? helper('item', p.text) : p);
  const arr = (i: number): string => (argS[i] ? `[[${args[i]!.text}]]` : args[i]!.text);
  switch (e.op) {
    case 'var':
      return atom(c.varIdent.get(e.name!) ?? e.name!);
    case 'num':
      return e.value! < 0 ? { text: `-${tsNumber(-e.value!)}`, prec: P.neg } : atom(tsNumber(e.value!));
    case 'ones':
    case 'zeros':
      if (S) return atom(e.op === 'ones' ? '1' : '0');
      return helper('fill', c.dim(e.dims![0]!), c.dim(e.dims![1]!), e.op === 'ones' ? '1' : '0');
    case 'eye':
      return S ? atom('1') : helper('eye', c.dim(e.dims![0]!));
    case 'add':
    case 'sub':
    case 'hadamard':
    case 'scale':
    case 'div':
    case 'pow':
    case 'matmul': {
      if (argS[0] && argS[1]) {
        if (e.op === 'pow') return { text: `${wrap(x, P.atom)} ** ${wrap(y, P.neg)}`, prec: P.pow };
        const [op, prec] = NATIVE[e.op]!;
        return { text: `${wrap(x, prec)} ${op} ${wrap(y, prec + 1)}`, prec };
      }
      if (e.op === 'matmul' && !argS[0] && !argS[1]) return item(helper('matmul', x.text, y.text));
      return helper(ELEMENTWISE[e.op]!, x.text, y.text);
    }
    case 'neg':
      // `-x ** 2` is a syntax error in TypeScript: a power under a minus keeps its parentheses.
      return S ? { text: `-${x.prec <= P.pow ? `(${x.text})` : x.text}`, prec: P.neg } : helper('neg', x.text);
    case 'transpose':
      return S ? x : helper('transpose', x.text);
    case 'mpow':
      return S ? { text: `${wrap(x, P.atom)} ** ${e.value! < 0 ? `(${e.value})` : e.value}`, prec: P.pow } : helper('mpow', x.text, String(e.value));
    case 'sum':
    case 'mean':
      return argS[0] ? x : helper(e.op, x.text);
    case 'numel': {
      const [r, k] = [e.args[0]!.rows, e.args[0]!.cols];
      if (typeof r === 'number' && typeof k === 'number') return atom(String(r * k));
      return { text: `${c.dim(r)} * ${c.dim(k)}`, prec: P.mul };
    }
    case 'norm2':
    case 'norm1':
      return argS[0] ? call('Math.abs', x.text) : helper(e.op, x.text);
    case 'softmax':
    case 'logsumexp':
      return item(helper(e.op, arr(0)));
    case 'tr':
      return argS[0] ? x : helper('trace', x.text);
    case 'det':
      return argS[0] ? x : helper('det', x.text);
    case 'logdet':
      return argS[0] ? call('Math.log', x.text) : helper('logdet', x.text);
    case 'inv':
      return argS[0] ? { text: `1 / ${wrap(x, P.neg)}`, prec: P.mul } : helper('inv', x.text);
    case 'diag':
      if (argS[0]) return x;
      return helper(e.args[0]!.cols === 1 ? 'diagFromVector' : 'diagOfMatrix', x.text);
    case 'apply':
      return call(c.abstractIdent.get(e.name!)!.ident, x.text);
    case 'grad':
      return call(c.abstractIdent.get(e.name!)!.gradIdent, x.text);
    default: {
      const f = SCALAR_FN[e.op];
      if (!f || e.args.length !== 1) throw new Error(`no TypeScript translation for the op ${e.op}`);
      const fn = f.startsWith('Math.') ? f : c.helper(f);
      return S ? call(fn, x.text) : helper('map', x.text, fn);
    }
  }
}
