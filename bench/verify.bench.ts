// `--verify` cost on a realistic gradient: a 2-layer sigmoid MLP, 0.5‖σ(W2 σ(W1 x)) − y‖², with
// m = n = 256 (131k weights). Above a few thousand entries the check is directional: k = 2
// random directions, each moving W1 and W2 at once (weighted so that both contribute equally),
// probed by the 2-point central difference (f(x+hD) − f(x−hD)) / 2h — 4 evaluations of f in all
// when the gradient is right (a disagreeing probe would go on to per-variable probes and the
// 4-point stencil; see docs/check.md).
//
// Reported, as medians of many runs (the machine is shared: rerun, and read them with `uptime`):
//   - the whole `--verify` (verifyDerivation): instantiation (131k seeded draws, one evaluation
//     of f and of the derived gradient to check the test point is valid, reused by the check)
//     and the directional check (2 × 131k draws for the directions, ⟨G, D⟩, x ± hD, 4 evaluations);
//   - its ratio to two forward evaluations of f, the cost floor of any one-direction check;
//   - one evaluation of the derived gradient alone, for context (it is part of the above, and
//     unavoidable: the gradient is what is being checked);
//   - the same network over a batch (X: [n×b]), where a forward pass is matrix products and the
//     check's cost approaches the evaluations it makes;
//   - where python3 has numpy: the SAME algorithm in numpy (same draws' distribution, weights,
//     k, stencil, step and tolerance; one thread), timed the same way, with its own two forward
//     evaluations; printed as the ratio shapegrad / numpy.
import { execFileSync } from 'node:child_process';
import { analyze } from '../src/expr/analyze.js';
import { deriveAll } from '../src/calculus/derive.js';
import { verifyDerivation } from '../src/numeric/verify.js';
import { instantiate } from '../src/numeric/instantiate.js';
import { Evaluator } from '../src/numeric/evaluate.js';
import { checkGradient, DEFAULT_DIRECTIONS } from '../src/numeric/gradcheck.js';
import { medianMs, table } from './util.js';

const N = 256;
const EXPR = '0.5*sum((σ(W2*σ(W1*x)) - y).^2)';
const K = DEFAULT_DIRECTIONS;

// The same algorithm as src/numeric (instantiate.ts, gradcheck.ts' directional method) for this
// expression, in numpy: Glorot-scaled uniform test values, the weights w = min spread / spread
// with spread = RMS(W)·‖G‖, uniform directions of variance (w·RMS(W))², the 2-point stencil at
// h = 1e-4, the rounding floor 100·ε·M/h (M: the largest |f| or operand of a sum or difference),
// the same relative error. The directions and the points x ± hD go into preallocated buffers
// in place: the plain `W1 + h*D1` allocates fresh temporaries and measured ~1.8× slower here.
const NUMPY = `
import numpy as np, time, json
n, k, h, rtol, eps = ${N}, ${K}, 1e-4, 1e-5, np.finfo(float).eps
sig = lambda z: 1 / (1 + np.exp(-z))
def forward(W1, W2, x, y):
    r = sig(W2 @ sig(W1 @ x)) - y
    return 0.5 * np.sum(r * r), r
def f(W1, W2, x, y):
    return forward(W1, W2, x, y)[0]
def grads(W1, W2, x, y):
    h1 = sig(W1 @ x); o = sig(W2 @ h1); d2 = (o - y) * o * (1 - o); d1 = (W2.T @ d2) * h1 * (1 - h1)
    return d1 @ x.T, d2 @ h1.T
BUF = []  # the directions and perturbed points: preallocated, written in place (as ours are)
def verify(seed):
    rng = np.random.default_rng(seed)
    s = 2 / np.sqrt(n)
    W1 = rng.uniform(-s, s, (n, n)); W2 = rng.uniform(-s, s, (n, n))
    x = rng.uniform(-1, 1, (n, 1)); y = rng.uniform(-1, 1, (n, 1))
    f0, r = forward(W1, W2, x, y)
    G = grads(W1, W2, x, y)
    assert np.isfinite(f0) and all(np.isfinite(g).all() for g in G)
    M = max(abs(f0), np.abs(r).max() + 1, (r * r).max())
    Ws = (W1, W2)
    sc = [np.sqrt(np.vdot(W, W) / W.size) for W in Ws]
    spread = [s_ * np.linalg.norm(g) for s_, g in zip(sc, G)]
    w = [min(spread) / c for c in spread]
    if not BUF: BUF.extend(np.empty((n, n)) for _ in range(4))
    D, P = BUF[:2], BUF[2:]
    worst = 0.0
    for t in range(k):
        claimed = 0.0
        for j in range(2):
            a = np.sqrt(3) * sc[j] * w[j]
            rng.random(out=D[j]); D[j] *= 2 * a; D[j] -= a
            claimed += np.vdot(G[j], D[j])
        for j in range(2): np.multiply(D[j], h, out=P[j]); P[j] += Ws[j]
        fp = f(P[0], P[1], x, y)
        for j in range(2): np.multiply(D[j], -h, out=P[j]); P[j] += Ws[j]
        fm = f(P[0], P[1], x, y)
        fd = (fp - fm) / (2 * h)
        atol = 100 * eps * max(abs(fp), abs(fm), M) / h + 1e-9 * max(abs(fd), abs(claimed))
        worst = max(worst, abs(fd - claimed) / max(abs(fd), abs(claimed), atol / rtol))
    return worst
def median_ms(fn, runs):
    for _ in range(10): fn()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter(); fn(); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[runs // 2]
rng = np.random.default_rng(1); s = 2 / np.sqrt(n)
W1 = rng.uniform(-s, s, (n, n)); W2 = rng.uniform(-s, s, (n, n)); x = rng.uniform(-1, 1, (n, 1)); y = rng.uniform(-1, 1, (n, 1))
out = {
    'verify': median_ms(lambda: verify(1), 101),
    'forward2': median_ms(lambda: (f(W1, W2, x, y), f(W1, W2, x, y)), 201),
    'gradient': median_ms(lambda: grads(W1, W2, x, y), 201),
    'err': verify(1),
}
print(json.dumps(out))
`;

interface NumpyTimes {
  verify: number;
  forward2: number;
  gradient: number;
  err: number;
}

function numpy(): NumpyTimes | null {
  try {
    const out = execFileSync('python3', ['-c', NUMPY], {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      timeout: 120_000,
    });
    return JSON.parse(out) as NumpyTimes;
  } catch {
    return null;
  }
}

export default async function verifyBench(): Promise<void> {
  const shapes = { W1: ['m', 'n'], W2: ['m', 'm'], x: ['n'], y: ['m'] };
  const a = analyze(EXPR, { shapes });
  const d = deriveAll(a, { wrt: ['W1', 'W2'] });
  const sizes = new Map([['m', N], ['n', N]]);
  // Warmed up well past V8's tier-up (medianMs itself runs one call first): otherwise the first
  // tens of runs, still in baseline code, pull the median up.
  const timed = (fn: () => unknown, runs: number) => {
    for (let i = 0; i < 25; i++) fn();
    return medianMs(fn, runs);
  };
  let last = verifyDerivation(a, d, { sizes });
  const check = timed(() => {
    last = verifyDerivation(a, d, { sizes });
  }, 101);
  // The two parts of it: the test point, and the probes at a given test point.
  const exprs = [a.expr!, ...d.derivatives.map((k) => k.expr)];
  const claims = d.derivatives.map((k) => ({ wrt: k.wrt, expr: k.expr }));
  const point = timed(() => instantiate(exprs, { sizes }), 101);
  const given = instantiate(exprs, { sizes });
  const probes = timed(() => checkGradient(a.expr!, claims, { instance: given }), 101);
  const inst = instantiate([a.expr!], { sizes });
  // A fresh environment object: evaluated, not the values instantiation remembered for inst.env.
  const env = { ...inst.env };
  const ev = new Evaluator([a.expr!]);
  const forward2 = timed(() => {
    ev.run(env);
    ev.run(env);
  }, 201);
  const gev = new Evaluator(d.derivatives.map((k) => k.expr));
  const gradient = timed(() => gev.run(env), 201);
  const evaluations = last.checks.reduce((s, c) => s + c.evaluations, 0);
  const rows: (string | number)[][] = [
    [`shapegrad --verify (${last.method}, k = ${K}; ${evaluations} evaluations of f)`, check, check / forward2, last.passed ? `✓ ${last.maxRelError.toExponential(1)}` : '✗'],
    ['  the test point: draws, f and the gradient once', point, point / forward2, ''],
    [`  the probes: ${K} directions, ⟨G, D⟩, x ± hD, f at each`, probes, probes / forward2, ''],
    ['  one evaluation of the derived gradient (in the test point)', gradient, gradient / forward2, ''],
    ['  two forward evaluations of f', forward2, 1, ''],
  ];
  const np = numpy();
  if (np) {
    rows.push(
      ['numpy, the same algorithm (1 thread)', np.verify, np.verify / np.forward2, np.err.toExponential(1)],
      ['  one evaluation of the gradient', np.gradient, np.gradient / np.forward2, ''],
      ['  two forward evaluations of f', np.forward2, 1, ''],
    );
  }
  console.log(`${EXPR}, m = n = ${N}: wrt W1, W2 (${2 * N * N} entries)\n`);
  console.log(table(['check', 'median ms', '× 2 forward', 'max rel error'], rows));
  console.log('(× 2 forward: relative to two forward evaluations of f by the same implementation)');
  console.log(`\ntarget < 100 ms: ${check < 100 ? 'met' : 'NOT met'} (${check.toFixed(1)} ms)`);
  if (np) console.log(`shapegrad / numpy: ${(check / np.verify).toFixed(2)}× (two forward evaluations: ${(forward2 / np.forward2).toFixed(2)}×)`);
  else console.log('numpy: not available (python3 -c "import numpy" failed)');
  batched(timed);
}

/**
 * The same network over a batch: now a forward evaluation is matrix products, and the check's
 * own work (draws, ⟨G, D⟩, x ± hD: a few passes over the 131k weights) no longer dominates —
 * its cost approaches the evaluations it makes.
 */
function batched(timed: (fn: () => unknown, runs: number) => number): void {
  const expr = '0.5*sum((σ(W2*σ(W1*X)) - Y).^2)';
  const rows: (string | number)[][] = [];
  for (const b of [16, 64, 256]) {
    const a = analyze(expr, { shapes: { W1: ['m', 'n'], W2: ['m', 'm'], X: ['n', 'b'], Y: ['m', 'b'] } });
    const d = deriveAll(a, { wrt: ['W1', 'W2'] });
    const sizes = new Map([['m', N], ['n', N], ['b', b]]);
    let last = verifyDerivation(a, d, { sizes });
    const check = timed(() => {
      last = verifyDerivation(a, d, { sizes });
    }, 21);
    const env = { ...instantiate([a.expr!], { sizes }).env };
    const ev = new Evaluator([a.expr!]);
    const forward2 = timed(() => {
      ev.run(env);
      ev.run(env);
    }, 21);
    rows.push([`batch b = ${b}`, check, forward2, check / forward2, last.passed ? `✓ ${last.maxRelError.toExponential(1)}` : '✗']);
  }
  console.log(`\n${expr}, m = n = ${N}, X: [n×b]: wrt W1, W2\n`);
  console.log(table(['batch', '--verify ms', '2 forward ms', '× 2 forward', 'max rel error'], rows));
}
