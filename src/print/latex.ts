// Expressions and derivations as LaTeX: Wᵀ → W^\top, ⊙ → \odot, σ → \sigma, z1 → z_{1},
// division by a scalar as a fraction, parentheses (\left( \right)) only where precedence needs them.

import type { DimValue, Expr } from '../expr/expr.js';
import { cutOrder } from './plan.js';
import type { Derivation, Derivative } from '../calculus/derive.js';

export interface LatexOptions {
  /** Names to print instead of a node (the bindings of a derivation). */
  names?: ReadonlyMap<number, string>;
}

// Binding strength, as in src/expr/print.ts: a child of lower precedence than its slot is wrapped.
const PREC = { add: 1, mul: 2, neg: 3, sup: 4, postfix: 5, atom: 6 } as const;

interface Printed {
  text: string;
  prec: number;
  /** Ends in a superscript: another superscript needs parentheses first (no `x^2^\top`). */
  sup?: boolean;
}

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
];
const GREEK_UPPER = ['Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'];
const GREEK_NAMES = new Set([...GREEK, ...GREEK_UPPER]);
/** Unicode Greek letters (α…ω, Γ…Ω) to their LaTeX commands. */
const UNICODE_GREEK = new Map<string, string>();
{
  const lower = 'αβγδεζηθικλμνξοπρστυφχψω';
  const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'o', 'pi', 'rho', 'varsigma', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];
  [...lower].forEach((ch, i) => UNICODE_GREEK.set(ch, names[i] === 'o' ? 'o' : `\\${names[i]}`));
  const upper: Record<string, string> = { Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega' };
  for (const [ch, n] of Object.entries(upper)) UNICODE_GREEK.set(ch, `\\${n}`);
  UNICODE_GREEK.set('ϕ', '\\varphi');
  UNICODE_GREEK.set('ϵ', '\\epsilon');
}

function escapeText(s: string): string {
  return s.replace(/[\\{}_^%$#&~]/g, (c) => (c === '\\' ? '\\backslash ' : c === '~' ? '\\textasciitilde ' : c === '^' ? '\\hat{}' : `\\${c}`));
}

/** The body of a name without subscript: `x`, `\delta`, `\mathit{logits}`. */
function nameBody(s: string): string {
  if (s === '') return '';
  if ([...s].length === 1) return UNICODE_GREEK.get(s) ?? escapeText(s);
  if (GREEK_NAMES.has(s)) return `\\${s}`;
  const chars = [...s];
  if (chars.every((c) => UNICODE_GREEK.has(c))) return chars.map((c) => UNICODE_GREEK.get(c)!).join(' ');
  return `\\mathit{${chars.map((c) => (UNICODE_GREEK.has(c) ? `\\text{${c}}` : escapeText(c))).join('')}}`;
}

/**
 * A variable, binding or dimension name in LaTeX: `W` → `W`, `z1` → `z_{1}`, `δ` and `delta`
 * → `\delta`, `delta2` → `\delta_{2}`, `W_out` → `W_{\mathit{out}}`, `logits` → `\mathit{logits}`.
 */
export function latexName(name: string): string {
  const split = /^([^\d_]+?)(?:_(.+)|(\d[\d_]*))$/u.exec(name);
  if (!split) return nameBody(name);
  const sub = split[2] ?? split[3]!;
  const text = /^[\d_]+$/.test(sub) ? sub.split('_').filter((x) => x !== '').join(',') : latexName(sub);
  return `${nameBody(split[1]!)}_{${text}}`;
}

function dim(d: DimValue): string {
  return typeof d === 'number' ? String(d) : latexName(d);
}

/** A number literal: `2`, `0.5`, `10^{-8}`, `2.5 \cdot 10^{-7}`. */
export function latexNumber(v: number): string {
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (!Number.isFinite(v)) return v < 0 ? '-\\infty' : '\\infty';
  const s = String(v);
  const m = /^(-?)([0-9.]+)e([+-]?)([0-9]+)$/.exec(s);
  if (!m) return s;
  const exp = `10^{${m[3] === '-' ? '-' : ''}${m[4]}}`;
  return `${m[1]}${m[2] === '1' ? exp : `${m[2]} \\cdot ${exp}`}`;
}

export function exprToLatex(root: Expr, options: LatexOptions = {}): string {
  const memo = new Map<number, Printed>();
  const names = options.names;
  // Below a named node nothing is printed, so the walk stops there.
  for (const e of cutOrder(root, (n) => names?.has(n.id) ?? false)) {
    const name = names?.get(e.id);
    memo.set(e.id, name !== undefined && e !== root ? { text: latexName(name), prec: PREC.atom } : latexNode(e, (a) => memo.get(a.id), (a) => names?.has(a.id) ?? false));
  }
  return memo.get(root.id)!.text;
}

const paren = (text: string) => `\\left(${text}\\right)`;

function wrap(p: Printed, min: number): string {
  return p.prec < min ? paren(p.text) : p.text;
}

/** The base of a superscript: atoms and postfix forms without a superscript of their own. */
function base(p: Printed): string {
  return p.prec < PREC.postfix || p.sup ? paren(p.text) : p.text;
}

const isScalar = (e: Expr) => e.rows === 1 && e.cols === 1;

const FUNCTIONS: Record<string, string> = {
  exp: '\\exp',
  log: '\\log',
  sin: '\\sin',
  cos: '\\cos',
  tanh: '\\tanh',
  sigmoid: '\\sigma',
  det: '\\det',
  logdet: '\\log\\det',
  sign: '\\operatorname{sign}',
  step: '\\operatorname{step}',
  relu: '\\operatorname{relu}',
  softplus: '\\operatorname{softplus}',
  softmax: '\\operatorname{softmax}',
  logsumexp: '\\operatorname{logsumexp}',
  sum: '\\operatorname{sum}',
  mean: '\\operatorname{mean}',
  numel: '\\operatorname{numel}',
  tr: '\\operatorname{tr}',
  diag: '\\operatorname{diag}',
};

function latexNode(e: Expr, lookup: (e: Expr) => Printed | undefined, named: (e: Expr) => boolean): Printed {
  const get = (x: Expr) => lookup(x)!;
  const a = e.args.map(get);
  const [x, y] = a as [Printed, Printed];
  const bin = (op: string, prec: number): Printed => ({ text: `${wrap(x, prec)} ${op} ${wrap(y, prec + 1)}`, prec });
  // `(a ⊙ b) c` and `(A B) ⊙ c` keep their parentheses, like the text printer.
  const mixed = (child: Expr, p: Printed, kinds: readonly string[]) => (kinds.includes(child.op) && p.prec === PREC.mul ? paren(p.text) : wrap(p, PREC.mul));
  switch (e.op) {
    case 'var':
      return { text: latexName(e.name!), prec: PREC.atom };
    case 'num':
      return e.value! < 0 ? { text: `-${latexNumber(-e.value!)}`, prec: PREC.neg } : { text: latexNumber(e.value!), prec: /e/.test(String(e.value)) ? PREC.mul : PREC.atom };
    case 'ones':
    case 'zeros':
      return { text: `\\mathbf{${e.op === 'ones' ? 1 : 0}}_{${dim(e.dims![0]!)}\\times ${dim(e.dims![1]!)}}`, prec: PREC.atom };
    case 'eye': {
      const n = dim(e.dims![0]!);
      return { text: n.length === 1 ? `I_${n}` : `I_{${n}}`, prec: PREC.atom };
    }
    case 'add':
      return bin('+', PREC.add);
    case 'sub':
      return bin('-', PREC.add);
    case 'neg':
      return { text: `-${wrap(x, PREC.sup)}`, prec: PREC.neg };
    case 'matmul':
    case 'scale': {
      const left = mixed(e.args[0]!, x, ['hadamard', 'div']);
      const right = wrap(y, PREC.mul + 1);
      // Juxtaposition, except where two numbers (or a number after anything) would run together.
      const sep = /^[0-9.]/.test(right) ? ' \\cdot ' : ' ';
      return { text: `${left}${sep}${right}`, prec: PREC.mul };
    }
    case 'hadamard':
      return { text: `${mixed(e.args[0]!, x, ['matmul', 'scale'])} \\odot ${wrap(y, PREC.mul + 1)}`, prec: PREC.mul };
    case 'div':
      if (isScalar(e.args[1]!)) return { text: `\\frac{${x.text}}{${y.text}}`, prec: PREC.sup };
      return { text: `${mixed(e.args[0]!, x, ['matmul', 'scale'])} \\oslash ${wrap(y, PREC.mul + 1)}`, prec: PREC.mul };
    case 'pow': {
      const scalar = isScalar(e.args[0]!) && isScalar(e.args[1]!);
      return { text: `${base(x)}^{${scalar ? '' : '\\circ '}${y.text}}`, prec: PREC.sup, sup: true };
    }
    case 'mpow':
      return { text: `${base(x)}^{${e.value}}`, prec: PREC.sup, sup: true };
    case 'inv':
      return { text: `${base(x)}^{-1}`, prec: PREC.sup, sup: true };
    case 'transpose':
      // inv(X)ᵀ is X^{-\top}.
      if (e.args[0]!.op === 'inv' && !named(e.args[0]!)) return { text: `${base(get(e.args[0]!.args[0]!))}^{-\\top}`, prec: PREC.sup, sup: true };
      return { text: `${base(x)}^\\top`, prec: PREC.postfix, sup: true };
    case 'sqrt':
      return { text: `\\sqrt{${x.text}}`, prec: PREC.atom };
    case 'abs':
      return { text: `\\left|${x.text}\\right|`, prec: PREC.atom };
    case 'norm2':
      return { text: `\\lVert ${x.text}\\rVert_${e.args[0]!.cols === 1 || e.args[0]!.rows === 1 ? '2' : 'F'}`, prec: PREC.atom };
    case 'norm1':
      return { text: `\\lVert ${x.text}\\rVert_1`, prec: PREC.atom };
    case 'apply':
      return { text: `${latexName(e.name!)}${paren(x.text)}`, prec: PREC.atom };
    case 'grad':
      return { text: `\\nabla ${latexName(e.name!)}${paren(x.text)}`, prec: PREC.atom };
    default: {
      const f = FUNCTIONS[e.op] ?? `\\operatorname{${escapeText(e.op)}}`;
      return { text: `${f}${paren(a.map((p) => p.text).join(', '))}`, prec: PREC.atom };
    }
  }
}

/** `\frac{\partial E}{\partial W}`, `\frac{\partial f}{\partial x}`, `\frac{\partial^2 E}{\partial x\,\partial x^\top}`. */
export function derivativeLatexLabel(k: Derivative): string {
  const v = latexName(k.wrt);
  if (k.kind === 'hessian') return `\\frac{\\partial^2 E}{\\partial ${v}\\,\\partial ${v}^\\top}`;
  if (k.kind === 'jacobian') return `\\frac{\\partial f}{\\partial ${v}}`;
  return `\\frac{\\partial E}{\\partial ${v}}`;
}

/**
 * A derivation as one `align*` environment: the expression, each binding (`z &= W h`), then each
 * derivative (`\frac{\partial E}{\partial W} &= \delta h^\top`), one equation per line.
 */
export function derivationToLatex(root: Expr, d: Derivation): string {
  const names = new Map(d.bindings.map((b) => [b.expr.id, b.name]));
  const scalar = isScalar(root);
  const lines: string[] = [];
  lines.push(`${scalar ? 'E' : 'f'} &= ${exprToLatex(root)}`);
  for (const b of d.bindings) lines.push(`${latexName(b.name)} &= ${exprToLatex(b.expr, { names })}`);
  for (const k of d.derivatives) lines.push(`${derivativeLatexLabel(k)} &= ${exprToLatex(k.expr, { names })}`);
  return ['\\begin{align*}', lines.map((l, i) => `  ${l}${i < lines.length - 1 ? ' \\\\' : ''}`).join('\n'), '\\end{align*}'].join('\n');
}
