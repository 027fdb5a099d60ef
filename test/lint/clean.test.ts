// Realistic, correct programs in examples/clean (subclassed layers, custom loops, destructured options, layers
// shapegrad does not model) must give no finding: a false alarm costs more than a miss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lint } from '../../src/lint/index.js';
import { inspectSource, summarizeModels } from '../../src/lint/inspect.js';
import { readFileSync } from 'node:fs';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', '..');

test('clean fixtures give no findings', async () => {
  const results = await lint(['examples/clean'], { cwd: root });
  assert.ok(results.length >= 3);
  for (const r of results) assert.deepEqual(r.diagnostics.map((d) => `${d.span.line} ${d.ruleId}: ${d.message}`), [], r.filePath);
});

test('clean fixtures are actually understood (shapes inferred, not just unknown)', () => {
  const read = (f: string) => inspectSource(f, readFileSync(join(root, 'examples/clean', f), 'utf8'))!;
  assert.deepEqual(summarizeModels(read('functional_keras2.json')), ['model: [?×28×28×1] → [?×10]']);
  const py = summarizeModels(read('text_classifier.py'));
  assert.ok(py.includes('seq_model: [?×200] → [?×1]'), py.join('\n'));
});
