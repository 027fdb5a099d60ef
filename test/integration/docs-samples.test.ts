// Every terminal sample in the README and the guides is what the CLI prints today (`npm run
// docs` rewrites them after a deliberate change of output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runSample, SAMPLE_FILES, samples, words } from '../../src/docs/samples.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

test('sample commands split like a shell splits them', () => {
  assert.deepEqual(words(`derive "W'*h" --wrt W --claim "a b" x`), ['derive', "W'*h", '--wrt', 'W', '--claim', 'a b', 'x']);
});

for (const file of SAMPLE_FILES) {
  const list = samples(readFileSync(`${root}${file}`, 'utf8'));
  test(`${file}: ${list.length} terminal samples match the real CLI`, () => {
    assert.ok(list.length > 0, `${file} has no samples`);
    for (const s of list) assert.equal(runSample(cli, root, s.command), s.shown, `${file}: $ shapegrad ${s.command} (run npm run docs after a deliberate change)`);
  });
}
