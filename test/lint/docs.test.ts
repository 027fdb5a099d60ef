// Each rule's docs page exists and shows the rule's own examples verbatim, so docs and tests
// cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintRules } from '../../rules/lint/registry.js';
import { ruleMetas } from '../../src/lint/index.js';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', '..');

for (const meta of ruleMetas) {
  test(`${meta.docs} exists and has a title and Rule Details`, () => {
    const page = readFileSync(join(root, meta.docs), 'utf8');
    assert.ok(page.startsWith(`# ${meta.id}\n`));
    assert.ok(page.includes('## Rule Details'));
  });
}

for (const rule of lintRules) {
  test(`${rule.docs} contains every example of ${rule.id}`, () => {
    const page = readFileSync(join(root, rule.docs), 'utf8');
    for (const ex of [...rule.examples.valid, ...rule.examples.invalid]) {
      assert.ok(page.includes(ex.code), `missing example:\n${ex.code}`);
    }
    const incorrect = page.indexOf('**incorrect**');
    const correct = page.indexOf('**correct**');
    assert.ok(incorrect > 0 && correct > incorrect);
  });
}
