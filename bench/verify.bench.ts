// `--verify` cost on a realistic gradient: a 2-layer sigmoid MLP, 0.5‖σ(W2 σ(W1 x)) − y‖², with
// m = n = 256 (131k weights). Above a few thousand entries the check uses k random directions
// (6 per variable, each a 4-point central difference: 48 partial re-evaluations), so its cost is
// a small multiple of a forward evaluation. Reported: the median ms of the whole check
// (instantiation included), its ratio to two forward evaluations, and — where python3 has
// numpy — the same directional check written by hand in numpy (one thread, like ours).
import { execFileSync } from 'node:child_process';
import { analyze } from '../src/expr/analyze.js';
import { deriveAll } from '../src/calculus/derive.js';
import { verifyDerivation } from '../src/numeric/verify.js';
import { instantiate } from '../src/numeric/instantiate.js';
import { Evaluator } from '../src/numeric/evaluate.js';
import { medianMs, table } from './util.js';

const N = 256;
const EXPR = '0.5*sum((σ(W2*σ(W1*x)) - y).^2)';

const NUMPY = `
import numpy as np, time, sys
n = ${N}
rng = np.random.default_rng(1)
s = 2 / np.sqrt(n)
W1 = rng.uniform(-s, s, (n, n)); W2 = rng.uniform(-s, s, (n, n))
x = rng.uniform(-1, 1, (n, 1)); y = rng.uniform(-1, 1, (n, 1))
sig = lambda z: 1 / (1 + np.exp(-z))
def f(W1, W2):
    return 0.5 * np.sum((sig(W2 @ sig(W1 @ x)) - y) ** 2)
def grads(W1, W2):
    h = sig(W1 @ x); o = sig(W2 @ h); d2 = (o - y) * o * (1 - o); d1 = (W2.T @ d2) * h * (1 - h)
    return d1 @ x.T, d2 @ h.T
def check():
    g1, g2 = grads(W1, W2)
    worst = 0.0
    for W, G, which in ((W1, g1, 0), (W2, g2, 1)):
        for k in range(6):
            D = rng.standard_normal(W.shape) * np.sqrt(np.mean(W ** 2))
            h = 1e-3
            def at(t):
                return f(W + t * D, W2) if which == 0 else f(W1, W2 + t * D)
            fd = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h)
            cl = np.sum(G * D)
            worst = max(worst, abs(fd - cl) / max(abs(fd), abs(cl), 1e-12))
    return worst
times = []
for r in range(8):
    t0 = time.perf_counter(); err = check(); times.append((time.perf_counter() - t0) * 1000)
times = sorted(times[1:])
print(times[len(times) // 2], err)
`;

function numpyMs(): { ms: number; err: number } | null {
  try {
    const out = execFileSync('python3', ['-c', NUMPY], {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      timeout: 60_000,
    });
    const [ms, err] = out.trim().split(/\s+/).map(Number);
    return { ms: ms!, err: err! };
  } catch {
    return null;
  }
}

export default async function verifyBench(): Promise<void> {
  const shapes = { W1: ['m', 'n'], W2: ['m', 'm'], x: ['n'], y: ['m'] };
  const a = analyze(EXPR, { shapes });
  const d = deriveAll(a, { wrt: ['W1', 'W2'] });
  const sizes = new Map([['m', N], ['n', N]]);
  let last = verifyDerivation(a, d, { sizes });
  const check = medianMs(() => {
    last = verifyDerivation(a, d, { sizes });
  }, 9);
  const inst = instantiate([a.expr!], { sizes });
  const ev = new Evaluator([a.expr!]);
  const forward2 = medianMs(() => {
    ev.run(inst.env);
    ev.run(inst.env);
  }, 15);
  const rows: (string | number)[][] = [
    [`shapegrad --verify (${last.method}, k = 6 per variable)`, check, check / forward2, last.passed ? `✓ ${last.maxRelError.toExponential(1)}` : '✗'],
    ['two forward evaluations', forward2, 1, ''],
  ];
  const np = numpyMs();
  if (np) rows.push(['numpy, the same directional check (1 thread)', np.ms, np.ms / forward2, np.err.toExponential(1)]);
  console.log(`${EXPR}, m = n = ${N}: wrt W1, W2 (${2 * N * N} entries)\n`);
  console.log(table(['check', 'median ms', '× 2 forward', 'max rel error'], rows));
  console.log(`\ntarget < 100 ms: ${check < 100 ? 'met' : 'NOT met'} (${check.toFixed(1)} ms)`);
  if (np) console.log(`shapegrad / numpy: ${(check / np.ms).toFixed(2)}×`);
  else console.log('numpy: not available (python3 -c "import numpy" failed)');
}
