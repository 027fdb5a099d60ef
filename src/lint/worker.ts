// A lint worker thread: receives file entries, answers with their results. Parsing dominates the
// cost of linting, and it parallelizes perfectly across files.
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleSetting } from './config.js';
import type { FileEntry } from './files.js';
import { ImportResolver } from './imports.js';
import { lintEntry } from './lint-entry.js';

const { rules } = workerData as { rules: Record<string, RuleSetting> };
const imports = new ImportResolver();

parentPort!.on('message', (job: { index: number; entry: FileEntry } | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage({ index: job.index, result: lintEntry(job.entry, rules, imports) });
});
