// The union–find of symbolic dims: what unifies, what never does, rollback, and depth.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { DimTable } from '../../src/shape/unify.js';
import { analyze } from '../../src/expr/analyze.js';

test('sizes, symbols and variables: what may be unified', () => {
  const t = new DimTable();
  const m = t.symbol('m');
  const n = t.symbol('n');
  const three = t.size(3);
  const v = t.fresh();
  const w = t.fresh();
  assert.equal(t.symbol('m'), m, 'one ref per symbol');
  assert.equal(t.size(3), three, 'one ref per size');
  assert.equal(t.unify(m, n), false, 'two declared symbols are different dims');
  assert.equal(t.unify(m, three), false, 'a symbol is not a number');
  assert.equal(t.unify(three, t.size(4)), false);
  assert.equal(t.unify(v, w), true);
  assert.equal(t.isVariable(v), true);
  assert.equal(t.unify(w, m), true);
  assert.equal(t.resolve(v), 'm', 'what the class knows is found from any member');
  assert.equal(t.unify(v, n), false, 'v is m now');
  assert.equal(t.unify(v, m), true);
  assert.equal(t.same(v, w), true);
});

test('rollback restores parents, class sizes and what roots know', () => {
  const t = new DimTable(true);
  const vars = Array.from({ length: 6 }, () => t.fresh());
  t.unify(vars[0]!, vars[1]!);
  t.unify(vars[1]!, vars[2]!);
  const mark = t.mark();
  // A one-member class that knows `k` joins a three-member class: `k` moves to the big root.
  const k = t.symbol('k');
  t.unify(vars[0]!, k);
  t.unify(vars[3]!, vars[4]!);
  assert.equal(t.resolve(vars[2]!), 'k');
  assert.equal(t.same(vars[3]!, vars[4]!), true);
  t.rollback(mark);
  assert.equal(t.resolve(vars[2]!), undefined);
  assert.equal(t.isVariable(vars[0]!), true);
  assert.equal(t.resolve(k), 'k');
  assert.equal(t.same(vars[3]!, vars[4]!), false);
  assert.equal(t.same(vars[0]!, vars[2]!), true, 'unions before the mark stay');
  // After the rollback the same unions are possible again, and a different one too.
  assert.equal(t.unify(vars[0]!, t.symbol('p')), true);
  assert.equal(t.resolve(vars[1]!), 'p');
  assert.throws(() => new DimTable(false).rollback(0), /without undo/);
});

test('a sum of 40,000 undeclared vectors unifies in linear time (union by size)', () => {
  // Before union by size the dims formed one chain walked by every later find: 16 s.
  const text = Array.from({ length: 40_000 }, (_, i) => `x${i}`).join(' + ');
  const t0 = performance.now();
  const a = analyze(text);
  const ms = performance.now() - t0;
  assert.equal(a.ok, true);
  assert.equal(new Set([...a.elaborated!.variables.values()].map((v) => v.shape[0])).size, 1, 'all share one dim');
  assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
});

test('free dims are named m, n, k, p, … then d1, d2, …, skipping declared symbols, in linear time', () => {
  const a = analyze('A*B*C*D*F*G*H*I*J*K*L*M', { shapes: { Z: ['d1', 'k'] } });
  assert.deepEqual(
    [...a.elaborated!.variables].map(([n, v]) => `${n}:${v.shape.join('×')}`).join(' '),
    'Z:d1×k A:m×n B:n×p C:p×q D:q×r F:r×s G:s×t H:t×u I:u×v J:v×d2 K:d2×d3 L:d3×d4 M:d4×d5',
  );
  // Rebuilding the used-name set per pick made 8,000 factors take 6 s.
  const text = Array.from({ length: 20_000 }, (_, i) => `A${i}`).join('*');
  const t0 = performance.now();
  const b = analyze(text);
  assert.equal(b.ok, true);
  assert.ok(performance.now() - t0 < 5000, `${(performance.now() - t0).toFixed(0)} ms`);
  // 20,001 dims: ten letters, then d1 … d19991.
  assert.deepEqual(b.elaborated!.shapeOf(b.ast!), ['m', 'd19991']);
});
