// Every lint rule's own valid / invalid examples, ESLint style: valid code gives no finding at all,
// invalid code gives exactly the listed findings of that rule, at the exact line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { lintRules } from '../../rules/lint/registry.js';
import { lintSource, ruleMetas } from '../../src/lint/index.js';

for (const rule of lintRules) {
  test(`${rule.id}: valid examples give no findings`, () => {
    assert.ok(rule.examples.valid.length > 0, 'each rule needs a valid example');
    for (const ex of rule.examples.valid) {
      const { diagnostics } = lintSource(ex.file, ex.code, { cwd: tmpdir() });
      assert.deepEqual(diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.ruleId} ${d.message}`), [], `${ex.file}:\n${ex.code}`);
    }
  });

  test(`${rule.id}: invalid examples give exactly the expected findings`, () => {
    assert.ok(rule.examples.invalid.length > 0, 'each rule needs an invalid example');
    for (const ex of rule.examples.invalid) {
      const { diagnostics } = lintSource(ex.file, ex.code, { cwd: tmpdir() });
      const mine = diagnostics.filter((d) => d.ruleId === rule.id);
      assert.deepEqual(
        mine.map((d) => [d.span.line, d.span.column]),
        ex.errors.map((e) => [e.line, e.column]),
        `${ex.file}: positions of ${rule.id} findings\n${mine.map((d) => d.message).join('\n')}`,
      );
      ex.errors.forEach((e, i) => {
        if (e.message) assert.ok(mine[i]!.message.includes(e.message), `message ${JSON.stringify(mine[i]!.message)} should contain ${JSON.stringify(e.message)}`);
        assert.equal(mine[i]!.severity, rule.severity);
        assert.equal(mine[i]!.span.file, ex.file);
      });
      const others = diagnostics.filter((d) => d.ruleId !== rule.id);
      assert.deepEqual(others.map((d) => `${d.ruleId}: ${d.message}`), [], `${ex.file}: no findings of other rules`);
    }
  });
}

test('ruleMetas lists every rule once, with docs paths', () => {
  const ids = ruleMetas.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of lintRules) assert.ok(ids.includes(rule.id));
  for (const id of ['parse-error', 'unused-suppression', 'file-error']) assert.ok(ids.includes(id));
  for (const m of ruleMetas) assert.equal(m.docs, `docs/rules/${m.id}.md`);
});
