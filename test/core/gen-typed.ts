// A generator of well-shaped expressions for the property tests: given the shape wanted, it
// picks an op whose shape rule can produce it and generates operands of the shapes that rule
// needs. Every variable leaf is recorded with its span and whether replacing it by a matrix of
// two fresh dims must cause an error at or above it: that is what the perturbation property
// needs to know.

import type { Dim } from '../../src/shape/dim.js';

type D = 'm' | 'n' | 'k' | 1;
export type Shape = readonly [D, D];

const DIMS: readonly D[] = ['m', 'n', 'k', 1];

/** One declared variable per shape; single characters, so a replacement keeps offsets. */
export const VARS: ReadonlyArray<[string, Shape]> = [
  ['A', ['m', 'm']], ['B', ['m', 'n']], ['C', ['m', 'k']], ['D', ['n', 'm']], ['F', ['n', 'n']],
  ['G', ['n', 'k']], ['H', ['k', 'm']], ['J', ['k', 'n']], ['K', ['k', 'k']],
  ['a', ['m', 1]], ['b', ['n', 1]], ['c', ['k', 1]], ['d', [1, 'm']], ['e', [1, 'n']], ['f', [1, 'k']],
  ['α', [1, 1]], ['β', [1, 1]],
];

/** Declarations of VARS (and of the abstract function E: it takes an m×1 argument). */
export const DECLS: { shapes: Map<string, Dim[]>; functions: Map<string, Dim[]> } = {
  shapes: new Map(VARS.map(([n, s]) => [n, [...s]])),
  functions: new Map([['E', ['m']]]),
};

/**
 * A variable leaf. `state` says what replacing it by a matrix of two fresh dims does, seen from
 * the piece generated so far: `error` — some op on the way up must reject it; `open` — it only
 * changes this piece's shape (to one of two fresh dims), so the enclosing op decides; `absorbed`
 * — a reduction swallowed it (sum accepts any shape), no error is guaranteed.
 */
export interface Leaf {
  start: number;
  end: number;
  state: 'error' | 'open' | 'absorbed';
}

export interface Gen {
  text: string;
  leaves: Leaf[];
}

/** The random choices, from fast-check's `gen()` or anything else. */
export interface Pick {
  int(min: number, max: number): number;
}

const isScalar = (s: Shape) => s[0] === 1 && s[1] === 1;
const hasFullDim = (s: Shape) => s[0] !== 1 || s[1] !== 1;

/**
 * What an operand position does with a perturbed (fresh-dims) operand: `true` rejects it,
 * `false` passes a fresh-dims shape on, `'absorb'` swallows it.
 */
type Edge = boolean | 'absorb';

/** Concatenate strings and generated operands, shifting leaf spans and applying each edge. */
function cat(...parts: Array<string | [Gen, Edge]>): Gen {
  let text = '';
  const leaves: Leaf[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    const [g, edge] = p;
    for (const l of g.leaves) {
      const state = l.state !== 'open' ? l.state : edge === true ? 'error' : edge === 'absorb' ? 'absorbed' : 'open';
      leaves.push({ start: l.start + text.length, end: l.end + text.length, state });
    }
    text += g.text;
  }
  return { text, leaves };
}

/** Parenthesise an operand unless it is a name, a number or one call. */
function par(g: Gen): Gen {
  const t = g.text;
  if (/^[A-Za-z0-9.α-ω]+$/u.test(t)) return g;
  const m = /^[A-Za-z_α-ω∇]+\(/u.exec(t);
  if (m) {
    let depth = 0;
    for (let i = m[0].length - 1; i < t.length; i++) {
      if (t[i] === '(') depth++;
      else if (t[i] === ')' && --depth === 0) {
        if (i === t.length - 1) return g;
        break;
      }
    }
  }
  return cat('(', [g, false], ')');
}

export class TypedGenerator {
  constructor(private readonly pick: Pick, private readonly unicode: boolean) {}

  private choose<T>(xs: readonly T[]): T {
    return xs[this.pick.int(0, xs.length - 1)]!;
  }
  private dim(): D {
    return this.choose(DIMS);
  }
  private sym(ascii: string, uni: string): string {
    return this.unicode && this.pick.int(0, 1) === 1 ? uni : ascii;
  }

  /** An expression of shape `s`; `depth` bounds the nesting. */
  expr(s: Shape, depth: number): Gen {
    if (depth <= 0) return this.leaf(s);
    const options: Array<() => Gen> = [() => this.leaf(s)];
    const sub = (t: Shape) => this.expr(t, depth - 1);
    // Shape-preserving unary: elementwise functions, negation, softmax. A perturbed argument
    // only changes this node's shape, so constraint comes from above.
    options.push(() => {
      const f = this.choose(['exp', 'log', 'sqrt', 'abs', 'sign', 'step', 'sigmoid', 'tanh', 'relu', 'softplus', 'sin', 'cos', 'softmax']);
      const name = f === 'sigmoid' ? this.sym('sigmoid', 'σ') : f;
      return cat(`${name}(`, [sub(s), false], ')');
    });
    options.push(() => cat(this.sym('-', '−'), [par(sub(s)), false]));
    // Transpose of the transposed shape.
    options.push(() => cat([par(sub([s[1], s[0]])), false], this.sym("'", 'ᵀ')));
    // Elementwise binary, same shape or broadcasting a column / row / scalar.
    options.push(() => {
      const op = this.choose(['+', '-', '.*', './', '.^']);
      const spelled = op === '.*' ? this.sym(' .* ', ' ⊙ ') : op === '-' ? this.sym(' - ', ' − ') : ` ${op} `;
      const other: Shape = this.choose([s, [s[0], 1], [1, s[1]], [1, 1]] as Shape[]);
      const [l, r] = this.pick.int(0, 1) === 0 ? [s, other] : [other, s];
      return cat([par(sub(l)), hasFullDim(r)], spelled, [par(sub(r)), hasFullDim(l)]);
    });
    // Matrix product through a random inner dim; a scalar side makes it a scale.
    options.push(() => {
      const j = this.dim();
      const l: Shape = [s[0], j];
      const r: Shape = [j, s[1]];
      return cat([par(sub(l)), !isScalar(r)], this.sym('*', '·'), [par(sub(r)), !isScalar(l)]);
    });
    // Scaling by a scalar, on either side.
    options.push(() => cat([par(sub([1, 1])), !isScalar(s)], this.sym('*', '·'), [par(sub(s)), false]));
    // Division by a scalar: the divisor must stay scalar.
    options.push(() => cat([par(sub(s)), false], ' / ', [par(sub([1, 1])), true]));
    if (s[0] === s[1] && s[0] !== 1) {
      options.push(() => cat(`${this.choose(['inv'])}(`, [sub(s), true], ')'));
      options.push(() => {
        const k = this.pick.int(-2, 3);
        return cat([par(sub(s)), true], k < 0 ? `^(${k})` : `^${k}`);
      });
      options.push(() => cat('diag(', [sub([s[0], 1]), true], ')'));
    }
    if (s[1] === 1 && s[0] !== 1) options.push(() => cat('diag(', [sub([s[0], s[0]]), true], ')'));
    if (s[0] === 'm' && s[1] === 1) options.push(() => cat(this.sym('grad_E(', '∇E('), [sub(s), true], ')'));
    if (isScalar(s)) {
      // Reductions accept any shape, so a perturbed argument is absorbed: not constrained.
      options.push(() => cat(`${this.choose(['sum', 'mean', 'norm2', 'norm1'])}(`, [sub([this.dim(), this.dim()]), 'absorb'], ')'));
      options.push(() => {
        const q = this.choose(['m', 'n', 'k'] as D[]);
        return cat(`${this.choose(['tr', 'det', 'logdet'])}(`, [sub([q, q]), true], ')');
      });
      options.push(() => cat('E(', [sub(['m', 1]), true], ')'));
      options.push(() => cat([par(sub(s)), true], '^', [par(sub(s)), true]));
    }
    // logsumexp keeps one of the two fresh dims: treat it as absorbing (no guarantee claimed).
    if (s[0] === 1 && s[1] !== 1) options.push(() => cat('logsumexp(', [sub([this.dim(), s[1]]), 'absorb'], ')'));
    return this.choose(options)();
  }

  private leaf(s: Shape): Gen {
    const names = VARS.filter(([, t]) => t[0] === s[0] && t[1] === s[1]).map(([n]) => n);
    const options: Array<() => Gen> = [() => {
      const name = this.choose(names);
      return { text: name, leaves: [{ start: 0, end: name.length, state: 'open' }] };
    }];
    if (isScalar(s)) options.push(() => ({ text: String(this.choose([1, 2, 0.5, 3])), leaves: [] }));
    options.push(() => ({ text: s[0] === s[1] && s[0] !== 1 && this.pick.int(0, 1) === 0 ? `eye(${s[0]})` : `${this.choose(['ones', 'zeros'])}(${s[0]}, ${s[1]})`, leaves: [] }));
    return this.choose(options)();
  }
}
