// The evaluator's partial re-evaluation (one or several changed variables) and its reuse of the
// values instantiation computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/expr/analyze.js';
import { Evaluator, rememberValues, type Environment } from '../../src/numeric/evaluate.js';
import { instantiate } from '../../src/numeric/instantiate.js';
import { clone, scale } from '../../src/numeric/kernels/index.js';

const a = analyze('sum(σ(W2*σ(W1*x)) .* y)', { shapes: { W1: ['m', 'n'], W2: ['m', 'm'], x: ['n'], y: ['m'] } });
const root = a.expr!;

test('rerun with one or several changed variables equals a full run', () => {
  const inst = instantiate([root]);
  const ev = new Evaluator([root]);
  const base = ev.run(inst.env);
  const values = new Map(inst.env.values);
  const env: Environment = { ...inst.env, values };
  values.set('W1', scale(inst.env.values.get('W1')!, 1.5));
  values.set('W2', scale(inst.env.values.get('W2')!, -0.5));
  const full = ev.valueOf(ev.run(env), root).data[0]!;
  assert.equal(ev.valueOf(ev.rerun(base, env, ['W1', 'W2']), root).data[0], full);
  assert.notEqual(ev.valueOf(ev.rerun(base, env, 'W1'), root).data[0], full, 'W2 kept its base value');
  assert.equal(ev.valueOf(ev.rerun(base, env, ['W2', 'W1']), root).data[0], full);
});

test('instantiation remembers its evaluation: a run at the same environment reuses it, a changed one does not', () => {
  const inst = instantiate([root]);
  const ev = new Evaluator([root]);
  const first = ev.run(inst.env);
  // The very matrices instantiation computed (no new evaluation).
  assert.equal(ev.run(inst.env)[first.length - 1], first[first.length - 1]);
  // Another environment object with the same values: evaluated anew, same numbers.
  const copy = ev.run({ ...inst.env });
  assert.notEqual(copy[first.length - 1], first[first.length - 1]);
  assert.deepEqual(copy[first.length - 1], first[first.length - 1]);
  // A variable given another value in the same map: the remembered values no longer apply.
  const values = inst.env.values as Map<string, ReturnType<typeof clone>>;
  const W1 = values.get('W1')!;
  values.set('W1', scale(W1, 2));
  assert.notDeepEqual(ev.valueOf(ev.run(inst.env), root), ev.valueOf(first, root));
  values.set('W1', W1);
  assert.equal(ev.valueOf(ev.run(inst.env), root), ev.valueOf(first, root));
  // Remembering is explicit for other environments.
  const env: Environment = { ...inst.env };
  rememberValues(env, ev, first);
  assert.equal(ev.valueOf(ev.run(env), root), ev.valueOf(first, root));
});
