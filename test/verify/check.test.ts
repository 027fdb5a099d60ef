// `shapegrad check`: verdicts, the usual slips with numerically verified fixes, .grad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { judgeClaim } from '../../src/explain/check.js';
import { checkGradFile, parseGradFile } from '../../src/explain/grad-file.js';
import { formatResults } from '../../src/report/index.js';
import { Chalk } from 'chalk';
import { cli } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SEED = { decl: { shapes: { W: ['m', 'n'], h: ['n'], y: ['m'] } }, defs: [], root: '0.5*sum((σ(W*h) - y).^2)', wrt: 'W' };
const RIGHT = "((σ(W*h) - y) .* σ(W*h) .* (1 - σ(W*h)))*h'";

function judge(claim: string, ctx: Parameters<typeof judgeClaim>[0] = SEED) {
  return judgeClaim(ctx, claim);
}

test('a correct claim is correct (numerically verified)', () => {
  const j = judge(RIGHT);
  assert.equal(j.verdict, 'correct');
  assert.ok(j.check!.passed && j.check!.maxRelError < 1e-8);
  assert.equal(judge("(σ(W*h) - y) .* σ(W*h) .* (1 - σ(W*h)) * h'").verdict, 'correct');
});

test("the brief's example: … * h is wrong in shape, and … * h' is offered and verified", () => {
  const j = judge('((σ(W*h)-y) .* σ(W*h) .* (1-σ(W*h))) * h');
  assert.equal(j.verdict, 'wrong-shape');
  assert.equal(j.diagnostics[0]!.ruleId, 'shape-mismatch');
  assert.deepEqual(j.suggestions[0], { expression: RIGHT, explanation: 'transpose h', verified: true });
});

const slips: Array<[string, string, 'wrong-shape' | 'wrong-value', RegExp]> = [
  ['transposed result', "h*((σ(W*h) - y) .* σ(W*h) .* (1 - σ(W*h)))'", 'wrong-shape', /transpose the whole expression/],
  ['missing σ\'', "(σ(W*h) - y)*h'", 'wrong-value', /σ'\(W\*h\)/],
  ['sign', "((y - σ(W*h)) .* σ(W*h) .* (1 - σ(W*h)))*h'", 'wrong-value', /sign/],
  ['factor 2', `2*${RIGHT}`, 'wrong-value', /factor/],
  ['* for .*', "((σ(W*h) - y) * σ(W*h) .* (1 - σ(W*h)))*h'", 'wrong-shape', /'\.\*' \(elementwise\)/],
];
for (const [name, claim, verdict, why] of slips) {
  test(`slip: ${name}`, () => {
    const j = judge(claim);
    assert.equal(j.verdict, verdict);
    assert.ok(j.suggestions.length > 0, 'no suggestion');
    assert.ok(j.suggestions.some((s) => why.test(s.explanation)), j.suggestions.map((s) => s.explanation).join(' | '));
    for (const s of j.suggestions) {
      assert.equal(s.verified, true);
      assert.equal(judge(s.expression).verdict, 'correct', `suggestion ${s.expression} is not correct`);
    }
  });
}

test('slips: tanh\' and relu\' factors, swapped product order, batch sum, 1/batch', () => {
  const t = judgeClaim({ decl: { shapes: { W: ['m', 'n'], x: ['n'] } }, defs: [], root: 'sum(tanh(W*x))', wrt: 'W' }, "ones(m, 1)*x'");
  assert.ok(t.suggestions.some((s) => /tanh'/.test(s.explanation)));
  const r = judgeClaim({ decl: { shapes: { W: ['m', 'n'], x: ['n'] } }, defs: [], root: 'sum(relu(W*x))', wrt: 'W' }, "ones(m, 1)*x'");
  assert.ok(r.suggestions.some((s) => /relu'/.test(s.explanation)));
  const o = judgeClaim({ decl: { shapes: { A: ['k', 'm'], X: ['m', 'n'], B: ['n', 'k'] } }, defs: [], root: 'tr(A*X*B)', wrt: 'X' }, "B'*A'");
  assert.equal(o.verdict, 'wrong-shape');
  assert.ok(o.suggestions.some((s) => /swap the order/.test(s.explanation)), o.suggestions.map((s) => s.explanation).join(' | '));
  const shapes = { W: ['m', 'd'], X: ['d', 'p'], Y: ['m', 'p'], b: ['m'] };
  const b = judgeClaim({ decl: { shapes }, defs: [], root: '0.5*sum((W*X + b - Y).^2)', wrt: 'b' }, 'W*X + b - Y');
  assert.equal(b.verdict, 'wrong-shape');
  assert.ok(b.suggestions.some((s) => /sum over the batch/.test(s.explanation)));
  const m = judgeClaim({ decl: { shapes }, defs: [], root: '0.5*sum((W*X + b - Y).^2)/numel(Y)', wrt: 'b' }, '(W*X + b - Y)*ones(p, 1)');
  assert.equal(m.verdict, 'wrong-value');
  assert.ok(m.suggestions.some((s) => /divide by numel\(Y\)/.test(s.explanation)));
});

test('logdet(X) claimed as inv(X): wrong value, the transpose is the fix', () => {
  const j = judgeClaim({ decl: { shapes: { X: ['n', 'n'] } }, defs: [], root: 'logdet(X)', wrt: 'X' }, 'inv(X)');
  assert.equal(j.verdict, 'wrong-value');
  assert.ok(j.suggestions.some((s) => s.expression === "inv(X)'"), JSON.stringify(j.suggestions));
});

test('invalid: a claim that does not parse', () => {
  const j = judge('W*h*');
  assert.equal(j.verdict, 'invalid');
  assert.equal(j.diagnostics[0]!.ruleId, 'syntax');
});

test('CLI: exit codes, JSON shape', () => {
  const base = ['check', '0.5*sum((σ(W*h) - y).^2)', '--wrt', 'W', '--shape', 'W=m,n', '--shape', 'h=n', '--shape', 'y=m'];
  assert.equal(cli(...base, '--claim', RIGHT).code, 0);
  const r = cli(...base, '--claim', '((σ(W*h)-y) .* σ(W*h) .* (1-σ(W*h))) * h', '--format', 'json');
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j).slice(0, 5), ['ok', 'verdict', 'expectedShape', 'diagnostics', 'suggestions']);
  assert.equal(j.ok, false);
  assert.equal(j.verdict, 'wrong-shape');
  assert.deepEqual(j.suggestions[0], { expression: RIGHT, explanation: 'transpose h', verified: true });
  assert.equal(cli(...base).code, 1 + 1, '--wrt without --claim is a usage error');
});

test('.grad: the statement forms, comments, and syntax errors', () => {
  const p = parseGradFile('# c\nW: [m, n]\nS: [n, n] symmetric\nE: [m] -> []\nz = W*h # note\ndE/dW = G\nwhat is this\n');
  assert.deepEqual(p.statements.map((s) => s.kind), ['variable', 'variable', 'function', 'definition', 'claim']);
  assert.equal(p.diagnostics.length, 1);
  assert.equal(p.diagnostics[0]!.span.line, 7);
});

test('examples/seed-backprop.grad: every claim is verified correct', () => {
  const r = checkGradFile(readFileSync(join(ROOT, 'examples/seed-backprop.grad'), 'utf8'), 'examples/seed-backprop.grad');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.claims.length, 9);
  assert.ok(r.claims.every((c) => c.verdict === 'correct'));
});

test('examples/mistakes.grad: the exact diagnostics', () => {
  const r = checkGradFile(readFileSync(join(ROOT, 'examples/mistakes.grad'), 'utf8'), 'examples/mistakes.grad');
  const text = formatResults('compact', [r], { color: new Chalk({ level: 0 }), cwd: ROOT });
  assert.equal(text, `examples/mistakes.grad:21:10: error the product of [k×1] and [m×1] does not fit: d2 has 1 column but h1 has m rows (1 ≠ m) [shape-mismatch]
examples/mistakes.grad:21:10: error dE/dW2 is wrong: it must have the shape of W2, [k×m], but it does not fit together [wrong-shape]
examples/mistakes.grad:22:10: error dE/dW2 is wrong: the claim is [m×k], but dE/dW2 must have the shape of W2, [k×m] [wrong-shape]
examples/mistakes.grad:23:10: error dE/dz2 is wrong: at entry (1, 1), finite differences give 0.278648 but the claim gives 1.11846 (relative error 7.5e-1) [wrong-value]
examples/mistakes.grad:24:10: error dE/db2 is wrong: at entry (1, 1), finite differences give 0.278648 but the claim gives -0.278648 (relative error 2.0e+0) [wrong-value]
examples/mistakes.grad:25:10: error dE/dW2 is wrong: at entry (1, 3), finite differences give 0.170966 but the claim gives 0.341932 (relative error 5.0e-1) [wrong-value]
examples/mistakes.grad:26:10: error the product of [k×1] and [k×1] does not fit: (o - y) has 1 column but o has k rows (1 ≠ k) [shape-mismatch]
examples/mistakes.grad:26:10: error dE/dz2 is wrong: it must have the shape of z2, [k×1], but it does not fit together [wrong-shape]
examples/mistakes.grad:27:10: error dE/dW1 is wrong: at entry (1, 1), finite differences give -0.00428217 but the claim gives -0.0250792 (relative error 8.3e-1) [wrong-value]
examples/mistakes.grad:28:10: error the product of [k×m] and [k×1] does not fit: W2 has m columns but d2 has k rows (m ≠ k) [shape-mismatch]
examples/mistakes.grad:28:10: error dE/dh1 is wrong: it must have the shape of h1, [m×1], but it does not fit together [wrong-shape]
examples/mistakes.grad:29:10: error dL/db1 is wrong: the claim is [m×p], but dL/db1 must have the shape of b1, [m×1] [wrong-shape]`);
  // Each wrong claim's first verified fix.
  const fixes = r.diagnostics.filter((d) => d.ruleId === 'wrong-shape' || d.ruleId === 'wrong-value').map((d) => d.fixes?.[0]?.expression);
  assert.deepEqual(fixes, ["d2*h1'", "d2*h1'", 'd2', 'd2', "d2*h1'", 'd2', "(W2' .* h1 .* (1 - h1))*d2*x'", "W2'*d2", '((σ(W1*X + b1) - Y) .* σ(W1*X + b1) .* (1 - σ(W1*X + b1)))*ones(p, 1)']);
  assert.deepEqual(r.claims.map((c) => c.verdict), ['wrong-shape', 'wrong-shape', 'wrong-value', 'wrong-value', 'wrong-value', 'wrong-shape', 'wrong-value', 'wrong-shape', 'wrong-shape']);
});

test('CLI: check DIR exits 1 when a file has problems, 0 for the correct example; sarif and github formats', () => {
  assert.equal(cli('check', join(ROOT, 'examples/seed-backprop.grad')).code, 0);
  assert.equal(cli('check', join(ROOT, 'examples')).code, 1);
  const s = JSON.parse(cli('check', join(ROOT, 'examples/mistakes.grad'), '--format', 'sarif').out);
  assert.equal(s.runs[0].results.length, 12);
  assert.match(cli('check', join(ROOT, 'examples/mistakes.grad'), '--format', 'github').out, /^::error file=.*mistakes\.grad,line=21,/m);
});
