// The library as a user imports it: by package name, through package.json "exports".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

type Api = typeof import('../../src/index.js');
// A variable keeps TypeScript from resolving the self-reference at build time (the .d.ts files it
// points at are being written by that same build); at run time Node resolves it like any package.
const name: string = 'shapegrad';
const api = (await import(name)) as Api;

test('import { shapes } from "shapegrad": shapes, variables and diagnostics with fixes', () => {
  const ok = api.shapes('W*h + b', { shapes: { W: ['m', 'n'], h: ['n'] } });
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.shape, ['m', 1]);
  assert.deepEqual(ok.variables, { W: ['m', 'n'], h: ['n', 1], b: ['m', 1] });
  const bad = api.shapes("W'*h", { shapes: { W: ['m', 'n'], h: ['n'] } });
  assert.equal(bad.ok, false);
  assert.equal(bad.diagnostics[0]!.span.column, 1);
  assert.deepEqual(bad.diagnostics[0]!.fixes[0], { expression: 'W*h', shape: ['m', 1] });
});

test('import { derive } from "shapegrad": the JSON of derive --format json', () => {
  const r = api.derive('0.5*sum((σ(W*h) - y).^2)', { shapes: { W: ['m', 'n'], h: ['n'], y: ['m'] }, wrt: ['W'] });
  assert.equal(r.gradients[0]!.result, "delta*h'");
  assert.deepEqual(r.gradients[0]!.shape, ['m', 'n']);
});

test('import { lint } from "shapegrad": the seed program gives its three findings', async () => {
  const cwd = fileURLToPath(new URL('../../../', import.meta.url));
  const [file] = await api.lint(['examples/seed_keras.py'], { cwd });
  assert.deepEqual(file!.diagnostics.map((d) => d.ruleId), ['input-shape-mismatch', 'gradient-of-non-scalar', 'discarded-update']);
  assert.ok(api.ruleMetas.some((r) => r.id === 'discarded-update'));
});

test('import { check } from "shapegrad": the missing transpose is caught and the fix verified', () => {
  const r = api.check('0.5*sum((σ(W*h) - y).^2)', {
    shapes: { W: ['m', 'n'], h: ['n'], y: ['m'] },
    wrt: 'W',
    claim: '((σ(W*h) - y) .* σ(W*h) .* (1 - σ(W*h))) * h',
  });
  assert.equal(r.verdict, 'wrong-shape');
  assert.ok((r.suggestions as Array<{ expression: string }>).some((s) => s.expression.endsWith("*h'")));
  const ok = api.check('logdet(X)', { wrt: 'X', claim: "inv(X)'" });
  assert.equal(ok.verdict, 'correct');
  assert.equal(api.check('logdet(X)', { wrt: 'X', claim: 'inv(X)' }).verdict, 'wrong-value');
});
