// `shapegrad derive … --verify`: the line, the JSON member, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzed, cli } from './helpers.js';
import { deriveAll } from '../../src/calculus/derive.js';
import { verifyDerivation, verifyLine, verifyJson } from '../../src/numeric/verify.js';


const SEED = ['derive', '0.5*sum((σ(W*h) - y).^2)', '--wrt', 'W', '--shape', 'W=m,n', '--shape', 'h=n', '--shape', 'y=m'];

test('derive --verify prints the verified line and exits 0', () => {
  const r = cli(...SEED, '--verify');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /verified: max relative error \d\.\de-\d+ \(sizes m=2, n=3; seed 1; central differences, element-wise\) ✓/);
});

test('derive --verify=full --seed 7 --sizes m=4,n=6 --format json', () => {
  const r = cli(...SEED, '--verify=full', '--seed', '7', '--sizes', 'm=4,n=6', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.verify.passed, true);
  assert.deepEqual(j.verify.sizes, { m: 4, n: 6 });
  assert.equal(j.verify.seed, 7);
  assert.equal(j.verify.method, 'central differences, element-wise');
  assert.ok(j.verify.maxRelError < 1e-6);
});

test('derive --verify on big sizes goes directional; Jacobians and Hessians verify too', () => {
  assert.match(cli(...SEED, '--verify', '--sizes', 'm=100,n=80').out, /directional\) ✓/);
  assert.match(cli('derive', 'σ(W*x)', '--wrt', 'x', '--verify').out, /verified: .* ✓/);
  assert.match(cli('derive', "x'*A*x + sum(exp(x))", '--wrt', 'x', '--hessian', '--verify').out, /verified: .* ✓/);
});

test('bad --verify, --seed and --sizes values are usage errors (exit 2)', () => {
  assert.equal(cli(...SEED, '--verify=maybe').code, 2);
  assert.equal(cli(...SEED, '--verify', '--seed', 'x').code, 2);
  const r = cli(...SEED, '--verify', '--sizes', 'q=3');
  assert.equal(r.code, 2);
  assert.match(r.err, /no dim named 'q'/);
});

test('a wrong derivative fails verification with a clear line', () => {
  const a = analyzed('logdet(X)', { X: ['n', 'n'] });
  const d = deriveAll(a, { wrt: ['X'] });
  const wrong = analyzed('inv(X)', { X: ['n', 'n'] }).expr!;
  const v = verifyDerivation(a, { ...d, derivatives: [{ ...d.derivatives[0]!, expr: wrong }] });
  assert.equal(v.passed, false);
  assert.match(verifyLine(v), /^verification FAILED: the gradient by X disagrees with finite differences at entry \(\d, \d\): finite differences .*, derived .* ✗/);
  assert.equal(verifyJson(v).passed, false);
});
