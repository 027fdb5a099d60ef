// The usual slips of a hand derivation, as edits of the claimed text: each candidate is a whole
// rewritten claim plus a one-line explanation. Candidates are only proposals: check.ts keeps those
// that have W's shape and agree numerically with the true gradient.

import { postOrder, type Ast } from '../expr/ast.js';
import type { DimValue } from '../expr/expr.js';

export interface Candidate {
  text: string;
  explanation: string;
  /** Edit family, for ordering and tests. */
  kind: 'transpose' | 'order' | 'product' | 'activation' | 'factor' | 'sign' | 'batch' | 'derived';
}

/** An activation in E (or its definitions) whose derivative factor a claim may have dropped. */
export interface Activation {
  fn: 'sigmoid' | 'tanh' | 'relu' | 'softplus' | 'exp';
  /** The argument, as written (`z`, `W*h`). */
  arg: string;
}

const ACTIVATION_NAMES: Record<string, Activation['fn']> = { σ: 'sigmoid', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', softplus: 'softplus', exp: 'exp' };

/** Arguments of mean(…) and numel(…) calls, as written. */
export function countsIn(text: string, ast: Ast): string[] {
  const out: string[] = [];
  for (const n of postOrder(ast)) {
    if (n.kind === 'call' && !n.gradOf && (n.name === 'mean' || n.name === 'numel') && n.args.length === 1) {
      const a = text.slice(n.args[0]!.start, n.args[0]!.end);
      if (!out.includes(a)) out.push(a);
    }
  }
  return out;
}

/** Activations applied in an expression's text (σ(z), tanh(W*x + b), …), deduplicated. */
export function activationsIn(text: string, ast: Ast): Activation[] {
  const out: Activation[] = [];
  for (const n of postOrder(ast)) {
    if (n.kind !== 'call' || n.gradOf || n.args.length !== 1) continue;
    const fn = ACTIVATION_NAMES[n.name];
    if (!fn) continue;
    const arg = text.slice(n.args[0]!.start, n.args[0]!.end);
    if (!out.some((a) => a.fn === fn && a.arg === arg)) out.push({ fn, arg });
  }
  return out;
}

function derivativeFactor(a: Activation): { text: string; name: string } {
  const z = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(a.arg) ? a.arg : `(${a.arg})`;
  switch (a.fn) {
    case 'sigmoid':
      return { text: `σ(${a.arg}) .* (1 - σ(${a.arg}))`, name: `σ'(${a.arg}) = σ(${a.arg}) .* (1 - σ(${a.arg}))` };
    case 'tanh':
      return { text: `(1 - tanh(${a.arg}).^2)`, name: `tanh'(${a.arg}) = 1 - tanh(${a.arg}).^2` };
    case 'relu':
      return { text: `step(${a.arg})`, name: `relu'(${a.arg}) = step(${a.arg})` };
    case 'softplus':
      return { text: `σ(${a.arg})`, name: `softplus'(${a.arg}) = σ(${a.arg})` };
    case 'exp':
      return { text: `exp(${a.arg})`, name: `exp'(${z}) = exp(${a.arg})` };
  }
}

export interface CandidateInput {
  claim: string;
  ast: Ast;
  activations: readonly Activation[];
  /** The claim's shape (if it has one) and W's. */
  claimShape?: readonly [DimValue, DimValue];
  wrtShape: readonly [DimValue, DimValue];
  wrt: string;
  /** Symbolic dims not in W's shape (batch dims, for 1/batch). */
  otherDims: readonly string[];
  /** Arguments of mean(…) and numel(…) in E: a mean's 1/numel is a factor often dropped. */
  counts?: readonly string[];
}

const atomic = (a: Ast) => a.kind === 'ident' || a.kind === 'call' || a.kind === 'paren' || a.kind === 'num';

/** Single edits of the claim, most plausible first. */
export function candidates(inp: CandidateInput): Candidate[] {
  const { claim, ast } = inp;
  const src = (a: Ast) => claim.slice(a.start, a.end);
  const paren = (a: Ast) => (atomic(a) || a.kind === 'transpose' ? src(a) : `(${src(a)})`);
  const replace = (a: Ast, text: string) => `${claim.slice(0, a.start)}${text}${claim.slice(a.end)}`;
  const whole = atomic(ast) ? claim : `(${claim})`;
  const out: Candidate[] = [];
  const push = (text: string, explanation: string, kind: Candidate['kind']) => {
    if (text !== claim && !out.some((c) => c.text === text)) out.push({ text, explanation, kind });
  };
  const nodes = postOrder(ast).filter((n) => n.kind !== 'paren' && n.kind !== 'num');

  // Transposes: add one to an operand, remove one, transpose everything.
  for (const n of nodes) {
    if (n.kind === 'transpose') push(replace(n, paren(n.arg)), `remove the transpose of ${src(n.arg)}`, 'transpose');
    else if (n !== ast && (atomic(n) || n.kind === 'binary')) push(replace(n, `${paren(n)}'`), `transpose ${src(n)}`, 'transpose');
  }
  push(`${whole}'`, 'transpose the whole expression', 'transpose');

  // Products: the order of a matrix product, and `*` vs `.*`.
  for (const n of nodes) {
    if (n.kind !== 'binary') continue;
    if (n.op === '*') {
      push(replace(n, `${paren(n.right)}*${paren(n.left)}`), `swap the order of the product: ${src(n.right)} * ${src(n.left)}`, 'order');
      push(replace(n, `${paren(n.right)}'*${paren(n.left)}'`), `swap the order of the product and transpose both factors`, 'order');
      push(replace(n, `(${paren(n.left)} .* ${paren(n.right)})`), `use '.*' (elementwise) instead of '*' (matrix product) in ${src(n)}`, 'product');
    } else if (n.op === '.*') {
      push(replace(n, `(${paren(n.left)}*${paren(n.right)})`), `use '*' (matrix product) instead of '.*' in ${src(n)}`, 'product');
    }
  }

  // A dropped activation derivative: multiply some sub-expression (or everything) by it.
  for (const act of inp.activations) {
    const f = derivativeFactor(act);
    for (const n of nodes) {
      if (n.kind === 'transpose' || n.kind === 'ident' || n === ast || n.kind === 'binary' || n.kind === 'neg' || n.kind === 'call') {
        push(replace(n, `(${paren(n)} .* ${f.text})`), `multiply ${src(n)} by ${f.name}: the chain rule through ${act.fn === 'sigmoid' ? 'σ' : act.fn}(${act.arg})`, 'activation');
      }
    }
  }

  // Constant factors and the sign.
  if (ast.kind === 'neg') push(src(ast.arg), 'the sign is wrong', 'sign');
  else push(`-${whole}`, 'the sign is wrong', 'sign');
  for (const n of nodes) {
    if (n.kind !== 'binary' || n.op !== '*') continue;
    if (n.left.kind === 'num') push(replace(n, src(n.right)), `drop the factor ${n.left.value}`, 'factor');
    if (n.right.kind === 'num') push(replace(n, src(n.left)), `drop the factor ${n.right.value}`, 'factor');
  }
  push(`2*${whole}`, 'a factor 2 is missing (d/dx x.^2 = 2x)', 'factor');
  push(`0.5*${whole}`, 'the factor is twice too large (the ½ in ½‖r‖² cancels the 2)', 'factor');
  for (const a of inp.counts ?? []) {
    push(`${whole} / numel(${a})`, `divide by numel(${a}): the loss is a mean over its entries`, 'factor');
    push(`numel(${a})*${whole}`, `multiply by numel(${a}): the loss is a sum, not a mean`, 'factor');
  }
  for (const p of inp.otherDims) {
    push(`${whole} / numel(ones(${p}, 1))`, `divide by the batch size ${p} (the loss is a mean over ${p} samples)`, 'factor');
    push(`numel(ones(${p}, 1))*${whole}`, `multiply by the batch size ${p} (the loss is a sum over ${p} samples, not a mean)`, 'factor');
  }

  // A broadcast operand's gradient is summed over the axes it was broadcast along.
  const [wr, wc] = inp.wrtShape;
  if (inp.claimShape) {
    const [cr, cc] = inp.claimShape;
    if (wc === 1 && cc !== 1 && cr === wr) push(`${whole}*ones(${cc}, 1)`, `sum over the batch: ${inp.wrt} is broadcast across the ${cc} columns, so its gradient sums their contributions`, 'batch');
    if (wr === 1 && cr !== 1 && cc === wc) push(`ones(1, ${cr})*${whole}`, `sum over the rows: ${inp.wrt} is broadcast across the ${cr} rows, so its gradient sums their contributions`, 'batch');
    if (wr === 1 && wc === 1 && (cr !== 1 || cc !== 1)) push(`sum(${whole})`, `sum everything: ${inp.wrt} is a scalar broadcast across the whole matrix`, 'batch');
  }
  return out;
}
