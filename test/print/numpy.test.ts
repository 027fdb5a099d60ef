import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivationToNumpy } from '../../src/print/numpy.js';
import { CASES, prepare, type Prepared } from './cases.js';
import { deriveText } from './derive-helper.js';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

// Imports the generated module, draws random inputs, calls every function and compares each
// derivative with central finite differences of the module's own value(). Prints one JSON line
// per function: {"fn": ..., "err": max relative error}.
const HARNESS = String.raw`
import sys, json, importlib.util
import numpy as np

spec = json.load(open(sys.argv[1]))
ms = importlib.util.spec_from_file_location("generated", spec["module"])
mod = importlib.util.module_from_spec(ms)
ms.loader.exec_module(mod)
rng = np.random.default_rng(12345)

def draw(v):
    r, c = v["shape"]
    k = v["kind"]
    if k == "spd":
        a = rng.standard_normal((r, r))
        x = a @ a.T + r * np.eye(r)
    elif k == "wellcond":
        x = rng.standard_normal((r, c)) + 3 * np.eye(r)
    elif k == "positive":
        x = rng.uniform(0.5, 2.0, (r, c))
    else:
        x = rng.standard_normal((r, c))
    return float(x[0, 0]) if v["scalar"] else x

args = {v["name"]: draw(v) for v in spec["vars"]}
for dim in spec["freeDims"]:
    args[dim["name"]] = dim["size"]
for f in spec["abstracts"]:
    args[f] = lambda o: float(np.sum(np.asarray(o) ** 3) / 3)
    args["grad_" + f] = lambda o: o ** 2

def perturbed(name, idx, delta):
    a = dict(args)
    x = a[name]
    if isinstance(x, float):
        a[name] = x + delta
    else:
        y = x.copy()
        y[idx] += delta
        a[name] = y
    return a

def entries(name):
    x = args[name]
    return [None] if isinstance(x, float) else list(np.ndindex(x.shape))

def value(a):
    return np.asarray(mod.value(**a), dtype=float)

def rel(g, fd):
    g = np.asarray(g, dtype=float)
    fd = np.asarray(fd, dtype=float)
    assert g.shape == fd.shape, (g.shape, fd.shape)
    return float(np.max(np.abs(g - fd)) / max(np.max(np.abs(fd)), np.max(np.abs(g)), 1e-3))

v0 = value(args)
print(json.dumps({"fn": "value", "err": 0.0 if np.all(np.isfinite(v0)) else float("nan")}))
for f in spec["functions"]:
    if f["kind"] == "value":
        continue
    fn = getattr(mod, f["name"])
    g = np.asarray(fn(**args), dtype=float)
    w = f["wrt"]
    x = args[w]
    if f["kind"] == "gradient":
        h = 1e-6
        fd = np.zeros(np.shape(x))
        for idx in entries(w):
            d = (value(perturbed(w, idx, h)) - value(perturbed(w, idx, -h))) / (2 * h)
            if idx is None:
                fd = d
            else:
                fd[idx] = d
        err = rel(g.reshape(np.shape(x)), fd)
    elif f["kind"] == "jacobian":
        h = 1e-6
        cols = []
        for idx in entries(w):
            cols.append(((value(perturbed(w, idx, h)) - value(perturbed(w, idx, -h))) / (2 * h)).reshape(-1))
        err = rel(g, np.stack(cols, axis=1))
    else:
        h = 1e-4
        idxs = entries(w)
        fd = np.zeros((len(idxs), len(idxs)))
        for i, p in enumerate(idxs):
            for j, q in enumerate(idxs):
                def at(sp, sq):
                    a = perturbed(w, p, sp * h)
                    y = a[w].copy()
                    y[q] += sq * h
                    a[w] = y
                    return value(a)
                fd[i, j] = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h)
        err = rel(g, fd)
    print(json.dumps({"fn": f["name"], "err": err}))
`;

/** Run the harness on a generated module; one {fn, err} per function. */
function runPython(dir: string, tag: string, p: Prepared, code: string): Array<{ fn: string; err: number }> {
  writeFileSync(join(dir, 'harness.py'), HARNESS);
  const mod = join(dir, `${tag}.py`);
  writeFileSync(mod, code);
  const spec = join(dir, `${tag}.json`);
  writeFileSync(spec, JSON.stringify({ module: mod, vars: p.vars, abstracts: p.abstracts, freeDims: p.freeDims, functions: p.functions }));
  const run = spawnSync('python3', ['-W', 'error', join(dir, 'harness.py'), spec], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${p.c.name}: python failed\n${run.stderr}\n--- generated module ---\n${code}`);
  const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { fn: string; err: number });
  assert.equal(results.length, p.functions.length, `${p.c.name}: ${run.stdout}`);
  return results;
}

test('numpy: every generated derivative matches finite differences of value()', { skip: hasNumpy ? false : 'numpy not available' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-numpy-'));
  try {
    assert.ok(CASES.length >= 12);
    for (const [i, c] of CASES.entries()) {
      const p = prepare(c);
      const code = derivationToNumpy(p.r.root, p.r.d, p.r.variables);
      const results = runPython(dir, `case${i}`, p, code);
      const worst = Math.max(...results.map((r) => r.err));
      console.log(`numpy  ${c.name.padEnd(40)} ${results.map((r) => r.fn).join(', ').padEnd(40)} max rel err ${worst.toExponential(2)}`);
      for (const r of results) assert.ok(r.err < 1e-5, `${c.name}: ${r.fn} relative error ${r.err}\n--- generated module ---\n${code}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('numpy: the finite-difference check catches a wrong gradient', { skip: hasNumpy ? false : 'numpy not available' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-numpy-'));
  try {
    const p = prepare({ name: 'quadratic form, broken', text: "x'*A*x", shapes: { A: 'n,n', x: 'n' }, wrt: ['x'] });
    const code = derivationToNumpy(p.r.root, p.r.d, p.r.variables);
    assert.match(code, /return \(A\.T \+ A\) @ x/);
    const results = runPython(dir, 'broken', p, code.replace('(A.T + A) @ x', '(A + A) @ x'));
    assert.ok(results.find((r) => r.fn === 'grad_x')!.err > 1e-2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('numpy: module shape — keyword-only arguments, helpers only when used, floats for scalars', () => {
  const r = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W']);
  const code = derivationToNumpy(r.root, r.d, r.variables);
  assert.match(code, /^import numpy as np$/m);
  assert.match(code, /^def value\(\*, W, h, y\):$/m);
  assert.match(code, /^def grad_W\(\*, W, h, y\):$/m);
  assert.match(code, /^def sigmoid\(x\):$/m);
  assert.doesNotMatch(code, /def softmax/);
  assert.match(code, /return float\(0\.5 \* np\.sum\(\(o - y\) \*\* 2\)\)/);
  assert.match(code, /return delta @ h\.T$/m);
});

test('numpy: dims are read off the variables, keywords are renamed, abstract functions are arguments', () => {
  const r = deriveText('sum((W*X + b - T).^2)', { X: 'n,batch', W: 'm,n' }, ['b']);
  const code = derivationToNumpy(r.root, r.d, r.variables);
  assert.match(code, /^ {4}batch = X\.shape\[1\]$/m);
  assert.match(code, /np\.ones\(\(batch, 1\)\)/);
  const k = deriveText('sum(lambda .* x)', { x: 'n', lambda: 'n' }, ['x']);
  assert.match(derivationToNumpy(k.root, k.d), /^def grad_x\(\*, lambda_, x\):$/m);
  const e = deriveText('E(σ(W*h))', { W: 'm,n', h: 'n' }, ['W']);
  assert.match(derivationToNumpy(e.root, e.d), /^def grad_W\(\*, W, h, E, grad_E\):$/m);
});
