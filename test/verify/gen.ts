// A generator of random, well-shaped expressions over the whole op set (for property tests).
// Shapes are chosen top-down, so every expression elaborates; domains are respected by
// construction (log and sqrt of x.^2 + 1, inverses of eye(n) + 0.1*tanh(…), which Gershgorin
// keeps invertible with det > 0 for n ≤ 4).
import { mulberry32, type Rng } from '../../src/numeric/kernels/random.js';
import type { Dim } from '../../src/shape/dim.js';

type D = 'm' | 'n' | 'k' | 1;
type Sh = [D, D];

export interface Generated {
  text: string;
  shapes: Record<string, Dim[]>;
  wrt: string[];
}

const DIMS: D[] = ['m', 'n', 'k'];
const UNARY = ['sigmoid', 'tanh', 'sin', 'cos', 'softplus', 'exp', 'relu', 'abs', 'step', 'sign'];

class Gen {
  readonly shapes = new Map<string, Dim[]>();
  constructor(private readonly rng: Rng) {}

  int(n: number): number {
    return Math.floor(this.rng.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  dim(): D {
    return this.pick(DIMS);
  }

  leaf(s: Sh): string {
    if (s[0] === 1 && s[1] === 1 && this.rng.next() < 0.3) return String(this.pick([0.5, 2, 1.5, 3]));
    const tag = (d: D) => (d === 1 ? '1' : d);
    const prefix = s[1] !== 1 ? 'P' : s[0] !== 1 ? 'v' : 's';
    const name = `${prefix}${tag(s[0])}${tag(s[1])}${this.int(2)}`;
    this.shapes.set(name, s[0] === 1 && s[1] === 1 ? [] : s[1] === 1 ? [s[0]] : [s[0], s[1]]);
    return name;
  }

  /** A well-conditioned square matrix expression of size n. */
  conditioned(n: D, depth: number): string {
    return `(eye(${n}) + 0.1*tanh(${this.expr([n, n], depth - 1)}))`;
  }

  expr(s: Sh, depth: number): string {
    if (depth <= 0 || this.rng.next() < 0.12) return this.leaf(s);
    const [r, c] = s;
    const sub = (t: Sh) => this.expr(t, depth - 1);
    const choices: Array<() => string> = [
      () => `${this.pick(UNARY)}(${sub(s)})`,
      () => `log((${sub(s)}).^2 + 1)`,
      () => `sqrt((${sub(s)}).^2 + 1)`,
      () => `(${sub(s)} ${this.pick(['+', '-', '.*'])} ${sub(s)})`,
      () => `(${sub(s)} ${this.pick(['+', '-', '.*'])} ${sub(this.pick<Sh>([[r, 1], [1, c], [1, 1]]))})`,
      () => `(${sub(s)} ./ ((${sub(s)}).^2 + 1))`,
      () => `(${sub(s)} ./ exp(${sub([1, 1])}))`,
      () => `(${sub(s)}).^${this.pick([2, 3])}`,
      () => `((${sub(s)}).^2 + 1).^${this.pick([0.5, -1.5])}`,
      () => `(${this.pick([2.5, -0.5])}*${sub(s)})`,
      () => `(${sub([1, 1])}*${sub(s)})`,
      () => `(-${sub(s)})`,
      () => `(${sub([c, r])})'`,
      () => {
        const k = this.pick<D>([...DIMS, 1]);
        return `(${sub([r, k])}*${sub([k, c])})`;
      },
      () => `softmax(${sub(s)})`,
    ];
    if (r === 1 && c !== 1) choices.push(() => `logsumexp(${sub([this.dim(), c])})`);
    if (r === c && r !== 1) {
      choices.push(() => `diag(${sub([r, 1])})`);
      choices.push(() => `inv(${this.conditioned(r, depth)})`);
      choices.push(() => `${this.conditioned(r, depth)}^${this.pick(['2', '(-1)', '3'])}`);
      choices.push(() => `(${sub(s)})^2`);
    }
    if (c === 1 && r !== 1) choices.push(() => `diag(${sub([r, r])})`);
    if (r === 1 && c === 1) {
      const any = (): Sh => [this.pick<D>([...DIMS, 1]), this.pick<D>([...DIMS, 1])];
      const sq = this.dim();
      choices.push(
        () => `sum(${sub(any())})`,
        () => `mean(${sub(any())})`,
        () => `norm2(${sub(any())} + 0.5)`, // + 0.5: norm2 has no gradient at 0 (x - x is exactly 0)
        () => `norm1(${sub(any())})`,
        () => `tr(${sub([sq, sq])})`,
        () => `det(${this.conditioned(sq, depth)})`,
        () => `logdet(${this.conditioned(sq, depth)})`,
        () => `E(${sub(['m', 1])})`,
        () => `(numel(${sub(any())})*${sub(s)})`,
        () => {
          const k = this.dim();
          return `(${sub([1, k])}*${sub([k, 1])})`;
        },
      );
    }
    return this.pick(choices)();
  }
}

/** A random scalar expression with about `depth` levels, from a seed. */
export function randomExpression(seed: number, depth: number): Generated {
  const g = new Gen(mulberry32(seed));
  const s: Sh = g.int(3) === 0 ? [1, 1] : [g.pick<D>([...DIMS, 1]), g.pick<D>(DIMS)];
  const inner = g.expr(s, depth);
  const text = g.int(2) === 0 ? `sum(${g.leaf(s)} .* (${inner}))` : `sum(${inner})`;
  const wrt = [...g.shapes.keys()].filter((n) => text.includes(n));
  // Constants only: nothing to differentiate; draw again.
  if (wrt.length === 0) return randomExpression((seed + 0x9e3779b9) >>> 0 || 1, depth);
  return { text, shapes: Object.fromEntries(g.shapes), wrt };
}

/** A random column-vector expression (for Jacobians). */
export function randomVectorExpression(seed: number, depth: number): Generated {
  const g = new Gen(mulberry32(seed));
  const text = g.expr([g.dim(), 1], depth);
  const wrt = [...g.shapes.keys()].filter((n) => text.includes(n));
  if (wrt.length === 0) return randomVectorExpression((seed + 0x9e3779b9) >>> 0 || 1, depth);
  return { text, shapes: Object.fromEntries(g.shapes), wrt };
}
