import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DERIVATION_FORMATS, formatDerivation, derivationToLatex, derivationToNumpy, derivationToTs } from '../../src/print/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveText } from './derive-helper.js';

test('formatDerivation: each format, ending in one newline', () => {
  const r = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W']);
  assert.deepEqual([...DERIVATION_FORMATS], ['latex', 'numpy', 'ts']);
  assert.equal(formatDerivation('latex', r.root, r.d), `${derivationToLatex(r.root, r.d)}\n`);
  assert.equal(formatDerivation('numpy', r.root, r.d, r.variables), derivationToNumpy(r.root, r.d, r.variables));
  assert.equal(formatDerivation('ts', r.root, r.d, r.variables), derivationToTs(r.root, r.d, r.variables));
  for (const f of DERIVATION_FORMATS) {
    const out = formatDerivation(f, r.root, r.d, r.variables);
    assert.ok(out.endsWith('\n') && !out.endsWith('\n\n'), f);
  }
});

test('code printers: symmetric variables are marked, unicode binding names are valid identifiers', () => {
  const r = deriveText("x'*S*x + tr(S*A)", { S: 'n,n', x: 'n', A: 'n,n' }, ['x', 'S'], { symmetric: ['S'] });
  assert.match(derivationToNumpy(r.root, r.d, r.variables), /^ {4}S: \[n×n\], assumed symmetric$/m);
  assert.match(derivationToTs(r.root, r.d, r.variables), /\/\*\* S: \[n×n\], assumed symmetric \*\//);
  const u = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W'], { unicode: true });
  assert.match(derivationToNumpy(u.root, u.d), /^ {4}δ = \(o - y\) \* o \* \(1 - o\)$/m);
  assert.match(derivationToTs(u.root, u.d), /^ {2}const δ = mul\(mul\(sub\(o, y\), o\), sub\(1, o\)\);$/m);
});

test('code printers: constant derivatives (all arguments kept in Python, an unused _v in TypeScript)', () => {
  const r = deriveText('sum(x .* x) + 3', { x: 'n' }, ['x']);
  assert.match(derivationToNumpy(r.root, r.d), /^def value\(\*, x\):$/m);
  const c = deriveText('2*a', { a: 'scalar' }, ['a']);
  const py = derivationToNumpy(c.root, c.d);
  assert.match(py, /^def grad_a\(\*, a\):\n {4}""".*"""\n {4}return float\(2\)$/m);
  assert.match(derivationToTs(c.root, c.d), /^export function grad_a\(_v: Variables\): number \{\n {2}return 2;\n\}$/m);
});

test('docs/derive-formats.md shows the current output of each printer', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/derive-formats.md', import.meta.url)), 'utf8');
  const mlp = deriveText('sum((W2*tanh(W1*X + b1) + b2 - T).^2)/2', { X: 'd,batch', W1: 'h,d' }, ['W1', 'b1', 'W2', 'b2'], { unicode: true });
  const seed = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W', 'h']);
  assert.ok(doc.includes(`\`\`\`latex\n${derivationToLatex(mlp.root, mlp.d)}\n\`\`\``), 'LaTeX sample is stale');
  assert.ok(doc.includes(`\`\`\`python\n${derivationToNumpy(seed.root, seed.d, seed.variables)}\`\`\``), 'numpy sample is stale');
  assert.ok(doc.includes(`\`\`\`ts\n${derivationToTs(seed.root, seed.d, seed.variables)}\`\`\``), 'TypeScript sample is stale');
});
