// Hostile and broken input: a clean diagnostic and exit 1 (or 2 for bad flags), never a stack
// trace, a stack overflow or a hang. Sizes are the ones the issue names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { analyze } from '../../src/expr/analyze.js';
import { functionNames } from '../../src/expr/ops.js';
import { CONSTRUCTORS } from '../../src/expr/lower.js';
import { printExpr } from '../../src/expr/print.js';
import { MAX_NESTING } from '../../src/expr/parser.js';
import { generateExpression, GEN_SHAPES } from '../../bench/expr-gen.js';
import { assertNoStack, run } from './cli-helpers.js';

const MB = 1 << 20;

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

test('empty and blank input: one syntax diagnostic', () => {
  for (const text of ['', ' ', '\n\t ', '\r\n']) {
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.map((d) => [d.ruleId, d.message, d.span.start]), [['syntax', 'empty expression', 0]], JSON.stringify(text));
  }
});

// Deeply nested shapes of every kind the parser recurses on: all stop at MAX_NESTING with a
// diagnostic at the first token too deep, none overflows the stack.
const DEEP: Array<[string, string, number]> = [
  ['parentheses', `${'('.repeat(100_000)}x${')'.repeat(100_000)}`, MAX_NESTING],
  ['unclosed parentheses', '('.repeat(100_000), MAX_NESTING],
  ['unary minus', `${'-'.repeat(100_000)}x`, MAX_NESTING],
  ['power chain', `x${'^x'.repeat(100_000)}`, 2 * MAX_NESTING + 1],
  ['nested calls', `${'exp('.repeat(100_000)}x${')'.repeat(100_000)}`, 4 * MAX_NESTING + 3],
  ['nested abstract calls', `${'E('.repeat(100_000)}x${')'.repeat(100_000)}`, 2 * MAX_NESTING + 1],
];

test('100,000 levels of nesting give a diagnostic, not a stack overflow', () => {
  for (const [what, text, at] of DEEP) {
    const a = analyze(text);
    assert.equal(a.ok, false, what);
    assert.deepEqual(a.diagnostics.map((d) => [d.message, d.span.start]), [[`expression nested more than ${MAX_NESTING} levels deep`, at]], what);
  }
});

test('100,000 postfix transposes and a 100,000-term sum: no recursion anywhere', () => {
  const t = analyze(`x${"'".repeat(100_000)}`);
  assert.equal(t.ok, true);
  assert.equal(printExpr(t.expr!).length, 100_001);
  const text = `x${' - y'.repeat(100_000)}`;
  const a = analyze(text);
  assert.equal(a.ok, true);
  assert.equal(printExpr(a.expr!), text);
});

test('a 1 MB expression is analysed in seconds, linearly', () => {
  const sum = `${'x+'.repeat(MB / 2)}x`;
  const [a, ms] = timed(() => analyze(sum));
  assert.equal(a.ok, true);
  assert.ok(ms < 15_000, `1 MB x+x+… took ${ms.toFixed(0)} ms`);
  // A realistic mix of the same size, with one mismatch at the very end: found, exact span.
  const mix = generateExpression(500_000, 11);
  assert.ok(mix.length >= MB, `${mix.length} chars`);
  const bad = `${mix} + W*b`;
  const [b, ms2] = timed(() => analyze(bad, { shapes: GEN_SHAPES }));
  assert.ok(ms2 < 15_000, `1 MB mix took ${ms2.toFixed(0)} ms`);
  assert.deepEqual(b.diagnostics.map((d) => [d.message, d.span.start, d.span.end]), [
    ['the product of [m×n] and [m×1] does not fit: W has n columns but b has m rows (n ≠ m)', bad.length - 3, bad.length],
  ]);
});

test('every built-in called with the wrong number of arguments: an arity error each', () => {
  const names = [...functionNames.keys(), ...CONSTRUCTORS];
  assert.ok(names.length >= 30, `${names.length} built-ins`);
  for (const name of names) {
    const want = name === 'ones' || name === 'zeros' ? 2 : 1;
    for (const n of [0, want + 1]) {
      const args = Array.from({ length: n }, () => (CONSTRUCTORS.has(name) ? '3' : 'x')).join(', ');
      const text = `${name}(${args})`;
      const a = analyze(text);
      assert.deepEqual(
        a.diagnostics.map((d) => [d.ruleId, d.message, d.span.start, d.span.end]),
        [['arity', `${name} takes ${want} argument${want === 1 ? '' : 's'}, got ${n}${(name === 'sum' || name === 'mean') && n === 2 ? ` (${name} takes every entry; sums along one axis are products with ones: X*ones(n, 1) sums each row, ones(1, m)*X each column)` : ''}`, 0, text.length]],
        text,
      );
    }
  }
});

// Characters that are not part of the language, each reported at its offset with its code.
const STRAY: Array<[string, string]> = [
  ['\u0000', 'U+0000'], ['\u0007', 'U+0007'], ['\u001b', 'U+001B'], ['\u007f', 'U+007F'], ['\u0085', 'U+0085'],
  ['\u200b', 'U+200B'], ['\ufeff', 'U+FEFF'], ['\u202e', 'U+202E'], ['\u00a0', 'U+00A0'], ['\u2028', 'U+2028'],
  ['€', 'U+20AC'], ['ﬁ', 'U+FB01'], ['\u0301', 'U+0301'], ['\u037e', 'U+037E'], ['\u0387', 'U+0387'],
  ['😀', 'U+1F600'], ['\ud800', 'U+D800'], ['#', 'U+0023'], ['[', 'U+005B'], ['"', 'U+0022'],
];

test('stray Unicode and control characters: a syntax error at the character', () => {
  for (const [ch, code] of STRAY) {
    const text = `x + ${ch}y`;
    const a = analyze(text);
    assert.equal(a.diagnostics.length, 1, code);
    const d = a.diagnostics[0]!;
    assert.equal(d.ruleId, 'syntax', code);
    assert.ok(d.message.startsWith('unexpected character') && d.message.endsWith(`(${code})`), `${code}: ${d.message}`);
    assert.deepEqual([d.span.start, d.span.end], [4, 4 + ch.length], code);
    // Control characters are not echoed raw into the message.
    assert.doesNotMatch(d.message, /[\u0000-\u001f\u007f]/, code);
  }
});

test('the CLI survives hostile input: exit 1, a diagnostic, no stack, no raw control characters', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [`${'('.repeat(100_000)}x${')'.repeat(100_000)}`, [], /expression nested more than 500 levels deep/],
    [`${'-'.repeat(100_000)}x`, [], /expression nested more than 500 levels deep/],
    ['x + \u0007\u001b[31my', [], /unexpected character \(U\+0007\)/],
    ['x\u0000', [], /unexpected character \(U\+0000\)/],
    ['sum(x, y, z)', [], /sum takes 1 argument, got 3/],
    ["W'*h", ['--shape', 'W=m,n', '--shape', 'h=n'], /W\*h/],
  ];
  for (const [text, flags, message] of cases) {
    for (const format of ['text', 'json']) {
      const r = run(['shapes', '-', '--format', format, ...flags], text);
      assert.equal(r.code, 1, `${text.slice(0, 20)}: ${r.stderr}`);
      assert.match(r.stdout, message, text.slice(0, 20));
      assertNoStack(r.stderr);
      assert.equal(r.stderr, '');
      assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'raw control character in the output');
    }
  }
});

test('the CLI on 1 MB: a fitting input exits 0, one with 10,000 errors reports all of them', () => {
  const t0 = performance.now();
  const ok = run(['shapes', '-', '--format', 'json'], `${'x+'.repeat(MB / 2)}x`);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout).shape, ['m', 1]);
  const many = run(['shapes', '-', '--format', 'json', '--shape', 'W=m,n', '--shape', 'h=n'], `${"W'*h + ".repeat(10_000)}h`);
  assert.equal(many.code, 1, many.stderr);
  const diags = JSON.parse(many.stdout).diagnostics as Array<{ span: { start: number } }>;
  assert.equal(diags.length, 10_000);
  assert.deepEqual(diags.slice(0, 3).map((d) => d.span.start), [0, 7, 14]);
  const text = run(['shapes', '-', '--shape', 'W=m,n', '--shape', 'h=n'], `${"W'*h + ".repeat(10_000)}h`);
  assert.equal(text.code, 1);
  assert.equal(text.stdout.split('\nerror[shape-mismatch]').length - 1, 10_000);
  assert.ok(performance.now() - t0 < 30_000, 'the three runs took more than 30 s');
});
