// Runs in a worker thread for matmul.bench.ts: times mathjs `multiply` on random n×n matrices and
// posts the median in ms. A worker, so that the bench can give up on a slow size (mathjs takes
// ~30 s at n = 1024) by terminating it instead of blocking the whole run.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { matrix, multiply } from 'mathjs';

const { n, runs } = workerData as { n: number; runs: number };
const random = (): number[][] => Array.from({ length: n }, () => Array.from({ length: n }, () => Math.random()));
const a = matrix(random());
const b = matrix(random());
// One warm-up product (lets V8 optimise mathjs' loops) unless a single run is all we can afford.
if (runs > 1) multiply(a, b);
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  multiply(a, b);
  times.push(performance.now() - t0);
}
times.sort((x, y) => x - y);
parentPort!.postMessage(times[Math.floor(times.length / 2)]);
