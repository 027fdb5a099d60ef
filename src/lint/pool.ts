// Lint many files on worker threads. The main thread only hands out files (a few in flight per
// worker) and collects results in order; with one CPU, or few files, linting stays in-process.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RuleSetting } from './config.js';
import type { FileEntry } from './files.js';
import type { FileResult } from './lint-file.js';

/** Below this, starting workers (each loads the TypeScript parser) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 2000;
const IN_FLIGHT = 4;

/**
 * How many workers to start: only with spare cores (on a busy machine extra threads only add
 * start-up and scheduling cost), at most one per 100 files. SHAPEGRAD_LINT_WORKERS overrides it.
 */
export function workerCount(files: number): number {
  const forced = Number(process.env['SHAPEGRAD_LINT_WORKERS']);
  if (process.env['SHAPEGRAD_LINT_WORKERS'] !== undefined && Number.isInteger(forced) && forced >= 0) return forced;
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  // Each worker first loads and warms up the TypeScript parser: about 1.5 s of CPU, measured
  // (1,000 files: 2.5 s of CPU in-process, 5.5 s with two workers). Worth it only for large runs
  // with at least three free cores, and at least 600 files per worker.
  const idle = Math.round(availableParallelism() - loadavg()[0]!);
  const n = Math.min(idle, 8, Math.floor(files / 600));
  return n >= 3 ? n : 0;
}

export function lintInWorkers(
  files: readonly FileEntry[],
  rules: Record<string, RuleSetting>,
  workers: number,
  onResult: (index: number, result: FileResult) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let settled = false;
    const pool: Worker[] = [];
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next < files.length) {
        const index = next++;
        w.postMessage({ index, entry: files[index] });
      }
    };
    for (let k = 0; k < workers; k++) {
      // A larger young generation: the parser allocates many short-lived nodes.
      const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { rules }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      pool.push(w);
      w.on('message', (msg: { index: number; result: FileResult }) => {
        onResult(msg.index, msg.result);
        done++;
        if (done === files.length) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(e instanceof Error ? e : new Error(String(e))));
      // A worker that stops before the work is done must not leave the run waiting forever.
      w.on('exit', (code) => finish(new Error(`lint worker exited early (code ${code})`)));
      for (let j = 0; j < IN_FLIGHT; j++) feed(w);
    }
  });
}
