// docs/language.md carries a table generated from rules/ops: it must match what the generator
// makes now, and every example an op documents must check without error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allOps } from '../../rules/ops/registry.js';
import { analyze } from '../../src/expr/analyze.js';
import { run } from './cli-helpers.js';
import { currentOpTable, opTableMarkdown, OPS_END, OPS_START, replaceOpTable } from '../../src/expr/op-table.js';

// Compiled to dist/test/core/: the sources are three levels up.
const LANGUAGE = fileURLToPath(new URL('../../../docs/language.md', import.meta.url));

test('the operator table in docs/language.md is the generated one (run `npm run docs`)', () => {
  const doc = readFileSync(LANGUAGE, 'utf8');
  assert.equal(currentOpTable(doc), opTableMarkdown(), 'docs/language.md is stale: run `npm run docs`');
});

test('the generated table has one row per op and replaces only the marked section', () => {
  const table = opTableMarkdown();
  assert.equal(table.split('\n').length, allOps.length + 2);
  for (const o of allOps) assert.ok(table.includes(`| \`${o.syntax}\` |`), o.name);
  const doc = `# T\n\nbefore\n${OPS_START}\nold\n${OPS_END}\nafter\n`;
  assert.equal(replaceOpTable(doc, 'NEW'), `# T\n\nbefore\n${OPS_START}\nNEW\n${OPS_END}\nafter\n`);
  assert.throws(() => replaceOpTable('no markers'), /no <!-- ops:start -->/);
});

test('every example in rules/ops checks without error', () => {
  for (const o of allOps) {
    const a = analyze(o.example);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `${o.name}: ${o.example}`);
  }
});

test('the JSON examples in docs/json.md are what the CLI prints', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/json.md', import.meta.url)), 'utf8');
  const examples = [...doc.matchAll(/<!-- example: (\[.*?\]) -->\n```json\n([\s\S]*?)\n```/g)];
  assert.equal(examples.length, 4);
  for (const [, args, json] of examples) {
    const r = run(JSON.parse(args!) as string[]);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(json!), args);
  }
});
