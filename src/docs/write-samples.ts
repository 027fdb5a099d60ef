// `npm run docs`: rewrite the terminal samples of the README and the guides with real output.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { refreshSamples, SAMPLE_FILES } from './samples.js';

// Compiled to dist/src/docs/, three levels below the package root.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
for (const file of SAMPLE_FILES) {
  const before = readFileSync(`${root}${file}`, 'utf8');
  const after = refreshSamples(before, cli, root);
  if (after !== before) writeFileSync(`${root}${file}`, after);
  console.log(`${file}: ${after === before ? 'samples up to date' : 'samples rewritten'}`);
}
