import { lintText } from '/work/wt-lint/dist/src/lint/lint-file.js';
import { ImportResolver } from '/work/wt-lint/dist/src/lint/imports.js';
import { readFileSync } from 'node:fs';
const t = readFileSync('/tmp/corpus_sample.ts', 'utf8');
const imports = new ImportResolver();
for (let i = 0; i < 200; i++) lintText('a.ts', '/tmp/a.ts', t + ' '.repeat(i % 7), { rules: {}, imports });
const t0 = performance.now();
for (let i = 0; i < 1000; i++) lintText('a.ts', '/tmp/a.ts', t + ' '.repeat(i % 7), { rules: {}, imports });
console.log(((performance.now() - t0) / 1000).toFixed(3), 'ms/file');
