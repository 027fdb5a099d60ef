// `npm run docs`: rewrite the generated operator table in docs/language.md (between the
// `<!-- ops:start -->` and `<!-- ops:end -->` markers) from rules/ops.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replaceOpTable } from '../expr/op-table.js';

// Compiled to dist/src/docs/, three levels below the package root.
const path = fileURLToPath(new URL('../../../docs/language.md', import.meta.url));
const before = readFileSync(path, 'utf8');
const after = replaceOpTable(before);
if (after === before) {
  console.log(`${path}: operator table up to date`);
} else {
  writeFileSync(path, after);
  console.log(`${path}: operator table rewritten`);
}
