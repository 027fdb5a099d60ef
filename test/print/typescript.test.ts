import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { derivationToTs } from '../../src/print/typescript.js';
import { CASES, prepare, type Prepared } from './cases.js';
import { deriveText } from './derive-helper.js';

type Matrix = number[][];
type Value = Matrix | number;
type Fn = (v: Record<string, unknown>) => Value;

// dist/test/print/ → the project's own tsc.
const TSC = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));

/** A small seeded generator (mulberry32) with normal draws, so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

function draw(v: Prepared['vars'][number], r: ReturnType<typeof rng>): Value {
  const [rows, cols] = v.shape;
  let m: Matrix;
  if (v.kind === 'spd') {
    const a = Array.from({ length: rows }, () => Array.from({ length: rows }, () => r.normal()));
    m = a.map((ai, i) => a.map((aj, j) => ai.reduce((s, x, k) => s + x * aj[k]!, 0) + (i === j ? rows : 0)));
  } else if (v.kind === 'positive') m = Array.from({ length: rows }, () => Array.from({ length: cols }, () => 0.5 + 1.5 * r.uniform()));
  else m = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => r.normal() + (v.kind === 'wellcond' && i === j ? 3 : 0)));
  return v.scalar ? m[0]![0]! : m;
}

const flat = (x: Value): number[] => (typeof x === 'number' ? [x] : x.flat());

function perturb(args: Record<string, unknown>, name: string, k: number, delta: number): Record<string, unknown> {
  const x = args[name] as Value;
  if (typeof x === 'number') return { ...args, [name]: x + delta };
  const cols = x[0]!.length;
  const y = x.map((row) => row.slice());
  y[Math.floor(k / cols)]![k % cols]! += delta;
  return { ...args, [name]: y };
}

function relErr(g: number[], fd: number[]): number {
  assert.equal(g.length, fd.length);
  let num = 0;
  let den = 1e-3;
  g.forEach((x, i) => {
    num = Math.max(num, Math.abs(x - fd[i]!));
    den = Math.max(den, Math.abs(x), Math.abs(fd[i]!));
  });
  return num / den;
}

/** Max relative error of each derivative function against central differences of value(). */
function check(p: Prepared, mod: Record<string, Fn>): Array<{ fn: string; err: number }> {
  const r = rng(12345);
  const args: Record<string, unknown> = {};
  for (const v of p.vars) args[v.name] = draw(v, r);
  for (const x of p.freeDims) args[x.name] = x.size;
  for (const f of p.abstracts) {
    args[f] = (o: Value) => flat(o).reduce((s, x) => s + x ** 3, 0) / 3;
    args[`grad_${f}`] = (o: Value) => (typeof o === 'number' ? o ** 2 : o.map((row) => row.map((x) => x ** 2)));
  }
  const value = (a: Record<string, unknown>) => flat(mod.value!(a));
  const out: Array<{ fn: string; err: number }> = [{ fn: 'value', err: value(args).every(Number.isFinite) ? 0 : NaN }];
  for (const f of p.functions) {
    if (f.kind === 'value') continue;
    const fn = mod[f.name];
    assert.ok(fn, `${p.c.name}: no export ${f.name}`);
    const g = flat(fn(args));
    const w = f.wrt!;
    const n = flat(args[w] as Value).length;
    let fd: number[];
    if (f.kind === 'gradient' || f.kind === 'jacobian') {
      const h = 1e-6;
      const columns = Array.from({ length: n }, (_, k) => {
        const plus = value(perturb(args, w, k, h));
        const minus = value(perturb(args, w, k, -h));
        return plus.map((x, i) => (x - minus[i]!) / (2 * h));
      });
      // Gradient: one entry per variable entry. Jacobian: rows(f) × n, row-major.
      fd = f.kind === 'gradient' ? columns.map((c) => c[0]!) : columns[0]!.flatMap((_, i) => columns.map((c) => c[i]!));
    } else {
      const h = 1e-4;
      fd = [];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const at = (si: number, sj: number) => value(perturb(perturb(args, w, i, si * h), w, j, sj * h))[0]!;
          fd.push((at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h));
        }
      }
    }
    out.push({ fn: f.name, err: relErr(g, fd) });
  }
  return out;
}

const FLAGS = ['--strict', '--noUncheckedIndexedAccess', '--noUnusedLocals', '--noUnusedParameters', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--types', ''];

/** Compile generated modules (name → source) with tsc into dir/out; import each. */
async function compile(dir: string, sources: Map<string, string>): Promise<Map<string, Record<string, Fn>>> {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const files = [...sources].map(([name, code]) => {
    const file = join(dir, `${name}.ts`);
    writeFileSync(file, code);
    return file;
  });
  const tsc = spawnSync(TSC, [...FLAGS, '--outDir', join(dir, 'out'), ...files], { encoding: 'utf8', cwd: dir });
  assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout}\n${tsc.stderr}`);
  const out = new Map<string, Record<string, Fn>>();
  for (const name of sources.keys()) out.set(name, (await import(pathToFileURL(join(dir, 'out', `${name}.js`)).href)) as Record<string, Fn>);
  return out;
}

test('ts: generated modules compile with tsc --strict and match finite differences of value()', { skip: existsSync(TSC) ? false : 'tsc not found' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-ts-'));
  try {
    const prepared = CASES.map(prepare);
    const mods = await compile(dir, new Map(prepared.map((p, i) => [`case${i}`, derivationToTs(p.r.root, p.r.d, p.r.variables)])));
    for (const [i, p] of prepared.entries()) {
      const results = check(p, mods.get(`case${i}`)!);
      const worst = Math.max(...results.map((r) => r.err));
      console.log(`ts     ${p.c.name.padEnd(40)} ${results.map((r) => r.fn).join(', ').padEnd(40)} max rel err ${worst.toExponential(2)}`);
      for (const r of results) assert.ok(r.err < 1e-5, `${p.c.name}: ${r.fn} relative error ${r.err}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ts: the finite-difference check catches a wrong gradient', { skip: existsSync(TSC) ? false : 'tsc not found' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-ts-'));
  try {
    const p = prepare({ name: 'quadratic form, broken', text: "x'*A*x", shapes: { A: 'n,n', x: 'n' }, wrt: ['x'] });
    const code = derivationToTs(p.r.root, p.r.d, p.r.variables);
    assert.match(code, /return matmul\(add\(transpose\(A\), A\), x\);/);
    const mods = await compile(dir, new Map([['broken', code.replace('add(transpose(A), A)', 'add(A, A)')]]));
    assert.ok(check(p, mods.get('broken')!).find((r) => r.fn === 'grad_x')!.err > 1e-2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ts: module shape — Variables interface, helpers only when used, destructured inputs', () => {
  const r = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W']);
  const code = derivationToTs(r.root, r.d, r.variables);
  assert.match(code, /^export type Matrix = number\[\]\[\];$/m);
  assert.match(code, /^ {2}W: Matrix;$/m);
  assert.match(code, /^export function value\(v: Variables\): number \{$/m);
  assert.match(code, /^export function grad_W\(v: Variables\): Matrix \{$/m);
  assert.match(code, /^function sigmoid\(x: number\): number \{$/m);
  assert.doesNotMatch(code, /function softmax|function inv/);
  assert.match(code, /^ {2}return matmul\(delta, transpose\(h\)\);$/m);
  const s = deriveText('sum((a*x - y).^2) + a^2', { a: 'scalar', x: 'n' }, ['a']);
  const sc = derivationToTs(s.root, s.d, s.variables);
  assert.match(sc, /^ {2}a: number;$/m);
  assert.match(sc, /^export function grad_a\(v: Variables\): number \{$/m);
});

test('ts: keywords are renamed locally but keep their field name', () => {
  const k = deriveText('sum(new .* x) + sum(map)', { x: 'n', new: 'n', map: 'n' }, ['x', 'map']);
  const code = derivationToTs(k.root, k.d);
  assert.match(code, /^ {2}new: Matrix;$/m);
  assert.match(code, /const \{ new: new_ \} = v;/);
  assert.match(code, /^ {2}return new_;$/m);
});
