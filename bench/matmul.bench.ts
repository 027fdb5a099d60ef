// Matrix product throughput: shapegrad's kernel (WebAssembly SIMD, and its plain-JS fallback)
// against a naive i-k-j loop (measured in the same run, so the ratios are immune to a slower or
// faster machine), mathjs `multiply`, and numpy (OpenBLAS, pinned to one thread because our kernel
// uses one) when python3 has numpy.
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { matmul, matmulJs, matmulUsesWasm } from '../src/numeric/kernels/matmul.js';
import type { Mat } from '../src/numeric/kernels/matrix.js';
import { mulberry32, randUniform } from '../src/numeric/kernels/random.js';
import { medianMs, table, fmt } from './util.js';

const SIZES = [256, 512, 1024];
/** Fewer repetitions where one product is slow, to keep the whole bench near a minute. */
const RUNS: Record<number, { kernel: number; naive: number; mathjs: number }> = {
  256: { kernel: 9, naive: 5, mathjs: 3 },
  512: { kernel: 7, naive: 3, mathjs: 3 },
  1024: { kernel: 5, naive: 3, mathjs: 1 },
};
/** Give up on mathjs beyond this (it needs ~30 s for one product at n = 1024). */
const MATHJS_LIMIT_MS = 20_000;

/** The baseline: i-k-j order (unit stride in the inner loop), no blocking, no tiling. */
function naiveIkj(a: Mat, b: Mat): Float64Array {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const ad = a.data;
  const bd = b.data;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = ad[i * k + p]!;
      const bRow = p * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * bd[bRow + j]!;
    }
  }
  return c;
}

/** Median ms of mathjs multiply in a worker, or null when it ran past the limit. */
function mathjsMs(n: number, runs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./matmul-mathjs-worker.js', import.meta.url), { workerData: { n, runs } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(null);
    }, MATHJS_LIMIT_MS);
    worker.once('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(ms);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const NUMPY_SCRIPT = `
import sys, time, numpy as np
n, runs = int(sys.argv[1]), int(sys.argv[2])
a = np.random.rand(n, n); b = np.random.rand(n, n)
a @ b
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t0)
ts.sort()
print(ts[len(ts) // 2] * 1000)
`;

function numpyAvailable(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function numpyMs(n: number): number {
  const out = execFileSync('python3', ['-c', NUMPY_SCRIPT, String(n), '7'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  return Number(out.trim());
}

export default async function bench(): Promise<void> {
  const rng = mulberry32(2024);
  const gflops = (n: number, ms: number): number => (2 * n ** 3) / (ms * 1e6);
  const withNumpy = numpyAvailable();
  const simd = matmulUsesWasm();
  const rows: (string | number)[][] = [];
  for (const n of SIZES) {
    const a = randUniform(rng, n, n);
    const b = randUniform(rng, n, n);
    const runs = RUNS[n]!;
    const kernel = medianMs(() => matmul(a, b), runs.kernel);
    const plainJs = medianMs(() => matmulJs(a, b), runs.kernel);
    const naive = medianMs(() => naiveIkj(a, b), runs.naive);
    const mathjs = await mathjsMs(n, runs.mathjs);
    const numpy = withNumpy ? numpyMs(n) : null;
    const row = (name: string, ms: number | null): (string | number)[] =>
      ms === null
        ? [String(n), name, 'skipped', 'skipped', 'skipped', 'skipped']
        : [String(n), name, ms, gflops(n, ms), `${fmt(naive / ms)}×`, `${fmt(kernel / ms)}×`];
    rows.push(row(simd ? 'shapegrad matmul (wasm f64x2)' : 'shapegrad matmul (no SIMD here: JS)', kernel));
    rows.push(row('shapegrad matmulJs (plain JS)', plainJs));
    rows.push(row('naive i-k-j loop', naive));
    rows.push(row('mathjs multiply', mathjs));
    if (withNumpy) rows.push(row('numpy @ (OpenBLAS, 1 thread)', numpy));
  }
  console.log(table(['n', 'implementation', 'ms', 'GFLOP/s', 'speed vs naive', 'speed vs shapegrad'], rows));
  console.log(
    `\nGFLOP/s = 2n³ / time, median of several runs; "speed vs X" = X's time / this time, all measured in this run.` +
      `\nmathjs runs in a worker (one run at n = 1024) and is skipped past ${MATHJS_LIMIT_MS / 1000} s.` +
      (withNumpy
        ? '\nnumpy: OpenBLAS pinned to 1 thread, as shapegrad uses one core.'
        : '\nnumpy: python3 with numpy not found, rows left out.'),
  );
}
