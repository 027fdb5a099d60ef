// Arguments as people type them: expressions that start with '-', the `--` separator, and
// declarations that contradict themselves or name nothing (found in review).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("an expression or a claim may be '-' and a name: it is a negation, not a flag", () => {
  assert.match(run('shapes', '-x').out, /^-x +\[m×1\]/);
  assert.match(run('derive', '-w', '--wrt', 'w').out, /df\/dw = -eye\(m\)/);
  const c = run('check', "-x'*y", '--wrt', 'x', '--claim', '-y');
  assert.equal(c.code, 0, c.err);
  assert.match(c.out, /✓ correct: dE\/dx = -y$/m);
});

test("after '--' every argument is an expression", () => {
  const r = run('shapes', '--', '-x');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^-x /);
  assert.equal(run('derive', '--wrt', 'x', '--', "-x'*y").code, 0);
  // An array option takes one value per flag: the expression after `--wrt W` stays the expression.
  assert.match(run('derive', '--wrt', 'W', 'sum(W*x)').out, /dE\/dW = ones\(m, 1\)\*x'/);
});

test('declarations that cannot hold are usage errors (exit 2)', () => {
  const sym = run('derive', 'sum(S*x)', '--wrt', 'x', '--shape', 'S=m,n', '--assume', 'S=symmetric');
  assert.equal(sym.code, 2);
  assert.match(sym.err, /--assume S=symmetric: S is declared \[m×n\], but a symmetric matrix is square/);
  const typo = run('derive', "x'*S*x", '--wrt', 'x', '--assume', 'Q=symmetric');
  assert.equal(typo.code, 2);
  assert.match(typo.err, /'Q' does not appear in the expression \(its variables: x, S\)/);
  const twice = run('shapes', 'x', '--shape', 'x=n', '--shape', 'x=m');
  assert.equal(twice.code, 2);
  assert.match(twice.err, /--shape x is given twice \(n and m\)/);
});

test('--assume S=symmetric without --shape S makes S square and its transpose S', () => {
  const r = run('derive', 'logdet(S)', '--wrt', 'S', '--assume', 'S=symmetric', '--verify');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /dE\/dS = inv\(S\) +\[m×m\]/);
});

test('a row-vector expression gets an honest message about Jacobians of columns', () => {
  const r = run('derive', "σ(w'*X)", '--wrt', 'w', '--shape', 'X=d,n');
  assert.equal(r.code, 2);
  assert.match(r.err, /is a \[1×n\] row vector: shapegrad takes Jacobians of column vectors/);
  assert.doesNotMatch(r.err, /4th-order/);
});

test('check: a suggestion is verified at two test points, so a dim of size 2 cannot pose as a factor 2', () => {
  const r = run('check', '0.5*sum((X*W - Y).^2)', '--wrt', 'W', '--claim', "2*X'*(X*W - Y)", '--shape', 'X=batch,d', '--shape', 'W=d,k', '--format', 'json');
  const j = JSON.parse(r.out) as { verdict: string; suggestions: Array<{ expression: string }> };
  assert.equal(j.verdict, 'wrong-value');
  assert.ok(j.suggestions.some((s) => s.expression === "X'*(X*W - Y)"));
  assert.ok(!j.suggestions.some((s) => s.expression.includes('numel')), JSON.stringify(j.suggestions));
});

test('--verify does not blame a gradient for a singular test point (X\'*X with X [2×3])', () => {
  for (const e of ["logdet(X'*X)", "tr(inv(X'*X))", "logdet(X*X')"]) {
    const r = run('derive', e, '--wrt', 'X', '--shape', 'X=m,n', '--verify', '--format', 'json');
    assert.equal(r.code, 0, `${e}: ${r.out}`);
    const j = JSON.parse(r.out) as { ok: boolean; verify: { passed: boolean } };
    assert.deepEqual([j.ok, j.verify.passed], [true, true], e);
  }
});

test('derive --format json: ok is false when --verify fails', () => {
  // A user-given size that makes X'*X singular cannot be changed by the tool: the check fails, honestly.
  const r = run('derive', "logdet(X'*X)", '--wrt', 'X', '--shape', 'X=m,n', '--sizes', 'm=2,n=3', '--verify', '--format', 'json');
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out) as { ok: boolean; verify: { passed: boolean } };
  assert.deepEqual([j.ok, j.verify.passed], [false, false]);
});

test('shapes: a fix is tried in the whole expression, and says so when the rest still does not fit', () => {
  const bad = JSON.parse(run('shapes', 'W*h + b', '--shape', 'W=m,n', '--shape', 'h=m', '--shape', 'b=m', '--format', 'json').out) as { diagnostics: Array<{ fixes: Array<{ expression: string; description?: string }> }> };
  assert.deepEqual(bad.diagnostics[0]!.fixes, [{ expression: "W'*h", shape: ['n', 1], description: 'fits here, but the expression around it still does not fit' }]);
  const good = JSON.parse(run('shapes', "W'*h + b", '--shape', 'W=m,n', '--shape', 'h=n', '--shape', 'b=m', '--format', 'json').out) as { diagnostics: Array<{ fixes: unknown[] }> };
  assert.deepEqual(good.diagnostics[0]!.fixes, [{ expression: 'W*h', shape: ['m', 1] }]);
});

test('a Hessian through an abstract function names it', () => {
  const r = run('derive', 'E(W*x)', '--wrt', 'x', '--hessian');
  assert.equal(r.code, 2);
  assert.match(r.err, /∇E depends on x, and the derivative of ∇E is the Hessian of the abstract function E/);
});
