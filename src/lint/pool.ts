// Lint many files on all cores: the main thread and a few worker threads take files from one
// queue. The main thread starts at once (its parser is already loaded); a worker joins when it
// has loaded its own, so a short run never waits for one. With one free core, or few files,
// there are no workers at all.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RuleSetting } from './config.js';
import type { FileEntry } from './files.js';
import type { FileResult } from './lint-file.js';

/** Files per worker below which its start-up (≈0.4 s of CPU: loading the parser) does not pay. */
export const FILES_PER_WORKER = 400;
/** Files handed to a worker ahead of its results: enough to keep it busy, few to wait for at the end. */
const IN_FLIGHT = 2;

/**
 * How many workers to start besides the main thread: one per idle core beyond the first two, at
 * most one per FILES_PER_WORKER files. On two cores a worker does not pay: linting allocates so
 * much that two threads each ran at half speed (measured on the 2-core build machine, where a
 * plain arithmetic loop runs at full speed on both), so the run took as long and cost twice
 * the CPU. SHAPEGRAD_LINT_WORKERS overrides it.
 */
export function workerCount(files: number): number {
  const forced = Number(process.env['SHAPEGRAD_LINT_WORKERS']);
  if (process.env['SHAPEGRAD_LINT_WORKERS'] !== undefined && Number.isInteger(forced) && forced >= 0) return forced;
  const idle = Math.round(availableParallelism() - loadavg()[0]!);
  return Math.max(0, Math.min(idle - 2, 7, Math.floor(files / FILES_PER_WORKER)));
}

/** The files not yet taken, shared by the main thread and the workers. */
export class FileQueue {
  private next = 0;
  constructor(readonly files: readonly FileEntry[]) {}
  take(): number | undefined {
    return this.next < this.files.length ? this.next++ : undefined;
  }
}

/**
 * Start `workers` threads that take files from `queue` until it is empty. Resolves when every
 * file they took has a result; files a failed worker took are returned so the caller can lint
 * them itself (a worker that cannot start must not lose work).
 */
export function startWorkers(
  queue: FileQueue,
  settings: { rules: Record<string, RuleSetting>; focus: boolean },
  workers: number,
  onResult: (index: number, result: FileResult) => void,
): Promise<number[]> {
  const lost: number[] = [];
  const running = Array.from({ length: workers }, () => new Promise<void>((resolve) => {
    const pending = new Set<number>();
    let done = false;
    let w: Worker;
    const stop = (failed: boolean) => {
      if (done) return;
      done = true;
      if (failed) lost.push(...pending);
      void w.terminate();
      resolve();
    };
    const feed = () => {
      while (pending.size < IN_FLIGHT) {
        const index = queue.take();
        if (index === undefined) break;
        pending.add(index);
        w.postMessage({ index, entry: queue.files[index] });
      }
      if (pending.size === 0) stop(false);
    };
    try {
      // A larger young generation: the parser allocates many short-lived nodes.
      w = new Worker(new URL('./worker.js', import.meta.url), { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    } catch {
      resolve();
      return;
    }
    w.on('message', (msg: { ready: true } | { index: number; result: FileResult }) => {
      if ('index' in msg) {
        pending.delete(msg.index);
        onResult(msg.index, msg.result);
      }
      feed();
    });
    w.on('error', () => stop(true));
    // A worker that stops before its work is done must not leave the run waiting forever.
    w.on('exit', () => stop(true));
  }));
  return Promise.all(running).then(() => lost);
}
