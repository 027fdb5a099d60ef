// A lint worker thread: receives file entries, answers with their results. Parsing dominates the
// cost of linting, and it parallelizes perfectly across files.
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleSetting } from './config.js';
import type { FileEntry } from './files.js';
import { ImportResolver } from './imports.js';
import { lintEntry } from './lint-entry.js';
import { typescript } from './frontend/ts-api.js';

const { rules, focus } = workerData as { rules: Record<string, RuleSetting>; focus: boolean };
const opts = { rules, focus, imports: new ImportResolver({ focus }) };

parentPort!.on('message', (job: { index: number; entry: FileEntry }) => {
  parentPort!.postMessage({ index: job.index, result: lintEntry(job.entry, opts) });
});
// Load the parser now, while the main thread loads its own, then ask for files.
typescript();
parentPort!.postMessage({ ready: true });
