// Property tests (fast-check, seeded): random well-shaped expressions over the whole op set
// infer without error to the shape they were generated for and survive the print/parse round
// trip (ASCII and Unicode); replacing one variable by a matrix of fresh dims gives an error
// whose span covers it, whenever that replacement cannot be absorbed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../src/expr/analyze.js';
import { printExpr } from '../../src/expr/print.js';
import { formatShape } from '../../src/shape/dim.js';
import { reparse } from './helpers.js';
import { DECLS, TypedGenerator, type Shape } from './gen-typed.js';

const SHAPES: Shape[] = [['m', 'n'], ['m', 1], [1, 1], ['n', 'n'], [1, 'k']];

/** A generated expression: the shape asked for, the text, its variable leaves. */
const expressions = (unicode: boolean) =>
  fc.gen().map((g) => {
    const pick = { int: (min: number, max: number) => g(fc.integer, { min, max }) };
    const shape = SHAPES[pick.int(0, SHAPES.length - 1)]!;
    const gen = new TypedGenerator(pick, unicode).expr(shape, pick.int(1, 5));
    return { shape, ...gen };
  });

const params = (seed: number) => ({ seed, numRuns: 300 });

test('random well-shaped expressions infer their shape and round-trip through print', () => {
  for (const unicodeInput of [false, true]) {
    fc.assert(
      fc.property(expressions(unicodeInput), ({ shape, text }) => {
        const a = analyze(text, DECLS);
        assert.deepEqual(a.diagnostics, [], text);
        assert.equal(formatShape(a.elaborated!.shapeOf(a.ast!)!), formatShape(shape), text);
        for (const unicode of [false, true]) {
          const printed = printExpr(a.expr!, { unicode });
          assert.equal(reparse(a, printed), a.expr, `${text} → ${printed}`);
          // ASCII printing spells every operator in ASCII (names may still be Greek).
          assert.equal(unicode || !/[·⊙ᵀ∇−]|σ\(/u.test(printed), true, `ASCII print of ${text}: ${printed}`);
        }
      }),
      params(unicodeInput ? 2026 : 1127),
    );
  }
});

test('a variable replaced by a matrix of fresh dims is reported with a span that covers it', () => {
  let perturbed = 0;
  fc.assert(
    fc.property(expressions(false), fc.nat(), ({ text, leaves }, which) => {
      const targets = leaves.filter((l) => l.state === 'error');
      fc.pre(targets.length > 0);
      const leaf = targets[which % targets.length]!;
      const bad = `${text.slice(0, leaf.start)}Q${text.slice(leaf.end)}`;
      const shapes = new Map(DECLS.shapes);
      shapes.set('Q', ['p', 'q']);
      const a = analyze(bad, { shapes, functions: DECLS.functions });
      const errors = a.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length > 0, `no error for ${bad}`);
      assert.ok(
        errors.some((d) => d.span.start <= leaf.start && d.span.end >= leaf.end),
        `${bad}: no error covers Q at ${leaf.start}: ${errors.map((d) => `${d.message} @${d.span.start}-${d.span.end}`).join('; ')}`,
      );
      perturbed++;
    }),
    params(77),
  );
  // The precondition must not have discarded nearly everything: the property has to bite.
  assert.ok(perturbed >= 150, `only ${perturbed} perturbations checked`);
});

test('errors after a perturbation all lie on the path from the perturbed leaf to the root', () => {
  // Fresh dims never unify with anything else, so no other part of the expression may report:
  // every error must cover the perturbed leaf, whatever its position.
  let withErrors = 0;
  fc.assert(
    fc.property(expressions(true), fc.nat(), ({ text, leaves }, which) => {
      fc.pre(leaves.length > 0);
      const leaf = leaves[which % leaves.length]!;
      const bad = `${text.slice(0, leaf.start)}Q${text.slice(leaf.end)}`;
      const shapes = new Map(DECLS.shapes);
      shapes.set('Q', ['p', 'q']);
      const errors = analyze(bad, { shapes, functions: DECLS.functions }).diagnostics.filter((d) => d.severity === 'error');
      for (const d of errors) assert.ok(d.span.start <= leaf.start && d.span.end >= leaf.end, `${bad}: '${d.message}' at ${d.span.start}-${d.span.end} does not cover Q at ${leaf.start}`);
      if (errors.length > 0) withErrors++;
    }),
    params(5),
  );
  assert.ok(withErrors >= 100, `only ${withErrors} perturbations produced errors`);
});

test('swapping the dims of a declared matrix reports errors only where it is used', () => {
  let withErrors = 0;
  fc.assert(
    fc.property(expressions(false), ({ text, leaves }) => {
      const uses = leaves.filter((l) => text.slice(l.start, l.end) === 'B');
      fc.pre(uses.length > 0);
      const shapes = new Map(DECLS.shapes);
      shapes.set('B', ['n', 'm']);
      const errors = analyze(text, { shapes, functions: DECLS.functions }).diagnostics.filter((d) => d.severity === 'error');
      for (const d of errors) assert.ok(uses.some((u) => d.span.start <= u.start && d.span.end >= u.end), `${text} with B: n×m: '${d.message}' covers no use of B`);
      // A use that must keep its shape does produce an error.
      if (uses.some((u) => u.state === 'error') && uses.length === 1) assert.ok(errors.length > 0, `${text}: swapped B went unnoticed`);
      if (errors.length > 0) withErrors++;
    }),
    params(6),
  );
  assert.ok(withErrors >= 30, `only ${withErrors} swaps produced errors`);
});

// Pieces of the language (and a few that are not) for the fuzz test below.
const PIECES = [
  'x', 'y', 'A', 'W', 'α', 'E', 'σ', '2', '0.5', '1e3', '(', ')', ',', '+', '-', '*', '/', '^', "'",
  '.*', './', '.^', '·', '⊙', 'ᵀ', '−', '∇', 'exp(', 'sum(', 'tr(', 'inv(', 'ones(', 'eye(', 'diag(',
  'softmax(', 'logsumexp(', 'grad_E(', 'sigmiod(', ' ', '\n', '@', '\u0000', '😀', '.',
];

test('fuzz: any sequence of pieces gives a result or diagnostics with spans inside the input, never an exception', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }), (pieces) => {
      const text = pieces.join('');
      const a = analyze(text, { shapes: { W: ['m', 'n'] } });
      for (const d of a.diagnostics) {
        assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${JSON.stringify(text)}: span ${d.span.start}-${d.span.end}`);
        assert.ok(d.message.length > 0);
      }
      assert.equal(a.ok, !a.diagnostics.some((d) => d.severity === 'error'));
      if (a.ok) {
        accepted++;
        for (const unicode of [false, true]) assert.equal(reparse(a, printExpr(a.expr!, { unicode })), a.expr, text);
      }
    }),
    { seed: 31, numRuns: 2000 },
  );
  assert.ok(accepted >= 50, `only ${accepted} accepted inputs`);
});
