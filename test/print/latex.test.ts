import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/expr/analyze.js';
import { parseDims, type Dim } from '../../src/shape/dim.js';
import { derivationToLatex, exprToLatex, latexName, latexNumber } from '../../src/print/latex.js';
import { deriveText } from './derive-helper.js';
import { CASES, prepare } from './cases.js';

function latexOf(text: string, shapes: Record<string, string>): string {
  const decl = new Map<string, Dim[]>();
  for (const [k, v] of Object.entries(shapes)) decl.set(k, parseDims(v)!);
  const a = analyze(text, { shapes: decl });
  assert.ok(a.ok, `${text}: ${a.diagnostics.map((d) => d.message).join('; ')}`);
  return exprToLatex(a.expr!);
}

// [expression, shapes, LaTeX]
const TABLE: Array<[string, Record<string, string>, string]> = [
  ["W'*x",{"W":"m,n","x":"m"},"W^\\top x"],
  ["A .* B + C",{"A":"m,n"},"A \\odot B + C"],
  ["(A + B) .* C",{"A":"m,n"},"\\left(A + B\\right) \\odot C"],
  ["(A*B) .* C",{"A":"m,k","B":"k,n"},"\\left(A B\\right) \\odot C"],
  ["(a .* b)*c",{"a":"m,1","b":"m,1","c":"1,n"},"\\left(a \\odot b\\right) c"],
  ["A ./ B",{"A":"m,n"},"A \\oslash B"],
  ["sum(X)/2",{"X":"m,n"},"\\frac{\\operatorname{sum}\\left(X\\right)}{2}"],
  ["(x - y)/norm2(x - y)",{"x":"n"},"\\frac{x - y}{\\lVert x - y\\rVert_2}"],
  ["σ(W*h + b)",{"W":"m,n"},"\\sigma\\left(W h + b\\right)"],
  ["tanh(z1) + relu(z2) + softplus(z3)",{"z1":"n"},"\\tanh\\left(z_{1}\\right) + \\operatorname{relu}\\left(z_{2}\\right) + \\operatorname{softplus}\\left(z_{3}\\right)"],
  ["tr(A*X*B)",{"A":"m,n","X":"n,p"},"\\operatorname{tr}\\left(A X B\\right)"],
  ["det(X) + logdet(X)",{"X":"n,n"},"\\det\\left(X\\right) + \\log\\det\\left(X\\right)"],
  ["inv(X)*b + inv(X)'*b",{"X":"n,n"},"X^{-1} b + X^{-\\top} b"],
  ["A^3 + inv(A)^2",{"A":"n,n"},"A^{3} + \\left(A^{-1}\\right)^{2}"],
  ["(A')^2",{"A":"n,n"},"\\left(A^\\top\\right)^{2}"],
  ["ones(m, n) + zeros(m, n)",{},"\\mathbf{1}_{m\\times n} + \\mathbf{0}_{m\\times n}"],
  ["eye(n)*x",{"x":"n"},"I_n x"],
  ["eye(batch)*Y",{"Y":"batch,m"},"I_{\\mathit{batch}} Y"],
  ["∇E(o) .* o",{"o":"n"},"\\nabla E\\left(o\\right) \\odot o"],
  ["E(o)",{"o":"n"},"E\\left(o\\right)"],
  ["diag(x)*A + diag(A)*ones(1, n)",{"A":"n,n"},"\\operatorname{diag}\\left(x\\right) A + \\operatorname{diag}\\left(A\\right) \\mathbf{1}_{1\\times n}"],
  ["norm2(x) + norm2(X) + norm1(x)",{"x":"n","X":"m,n"},"\\lVert x\\rVert_2 + \\lVert X\\rVert_F + \\lVert x\\rVert_1"],
  ["exp(x) + sqrt(x) + abs(x) + log(x)",{"x":"n"},"\\exp\\left(x\\right) + \\sqrt{x} + \\left|x\\right| + \\log\\left(x\\right)"],
  ["-x + -(x - y)",{"x":"n"},"-x + -\\left(x - y\\right)"],
  ["(o - y).^2",{"o":"n"},"\\left(o - y\\right)^{\\circ 2}"],
  ["a^2 + x.^a",{"a":"scalar","x":"n"},"a^{2} + x^{\\circ a}"],
  ["δ .* x + delta2 .* x + W_out*x",{"x":"n"},"\\delta \\odot x + \\delta_{2} \\odot x + W_{\\mathit{out}} x"],
  ["1e-8*x + 2.5e-7*x + 2*3*x",{"x":"n"},"10^{-8} x + 2.5 \\cdot 10^{-7} x + 2 \\cdot 3 x"],
  ["softmax(W*x) + logsumexp(W*x)",{"W":"m,n"},"\\operatorname{softmax}\\left(W x\\right) + \\operatorname{logsumexp}\\left(W x\\right)"],
  ["x'*A*x",{"A":"n,n"},"x^\\top A x"],
  ["sum(t .* log(softmax(z))) / numel(t) + mean(t)",{"z":"n"},"\\frac{\\operatorname{sum}\\left(t \\odot \\log\\left(\\operatorname{softmax}\\left(z\\right)\\right)\\right)}{\\operatorname{numel}\\left(t\\right)} + \\operatorname{mean}\\left(t\\right)"],
  ["(x + y)'",{"x":"n"},"\\left(x + y\\right)^\\top"],
  ["x./(1 + exp(-x))",{"x":"n"},"x \\oslash \\left(1 + \\exp\\left(-x\\right)\\right)"],
];

test('exprToLatex: a table of expressions', () => {
  for (const [text, shapes, want] of TABLE) assert.equal(latexOf(text, shapes), want, text);
});

test('latexName: Greek letters, subscripts, multi-letter names', () => {
  assert.equal(latexName('W'), 'W');
  assert.equal(latexName('z1'), 'z_{1}');
  assert.equal(latexName('δ'), '\\delta');
  assert.equal(latexName('delta'), '\\delta');
  assert.equal(latexName('delta2'), '\\delta_{2}');
  assert.equal(latexName('t1_2'), 't_{1,2}');
  assert.equal(latexName('Σ'), '\\Sigma');
  assert.equal(latexName('logits'), '\\mathit{logits}');
  assert.equal(latexName('W_out'), 'W_{\\mathit{out}}');
  assert.equal(latexName('x_2'), 'x_{2}');
});

test('latexNumber: plain numbers and powers of ten', () => {
  assert.equal(latexNumber(2), '2');
  assert.equal(latexNumber(0.5), '0.5');
  assert.equal(latexNumber(1e-8), '10^{-8}');
  assert.equal(latexNumber(2.5e-7), '2.5 \\cdot 10^{-7}');
  assert.equal(latexNumber(Infinity), '\\infty');
});

test('names: a bound node prints as its name, except at the root', () => {
  const r = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W']);
  const names = new Map(r.d.bindings.map((b) => [b.expr.id, b.name]));
  const o = r.d.bindings.find((b) => b.name === 'o')!;
  assert.equal(exprToLatex(o.expr, { names }), '\\sigma\\left(z\\right)');
  assert.equal(exprToLatex(r.d.derivatives[0]!.expr, { names }), '\\delta h^\\top');
});

test('derivationToLatex: the seed example as an align* environment', () => {
  const r = deriveText('0.5*sum((σ(W*h) - y).^2)', { W: 'm,n', h: 'n', y: 'm' }, ['W', 'h'], { unicode: true });
  assert.equal(
    derivationToLatex(r.root, r.d),
    [
      '\\begin{align*}',
      '  E &= 0.5 \\operatorname{sum}\\left(\\left(\\sigma\\left(W h\\right) - y\\right)^{\\circ 2}\\right) \\\\',
      '  z &= W h \\\\',
      '  o &= \\sigma\\left(z\\right) \\\\',
      '  \\delta &= \\left(o - y\\right) \\odot o \\odot \\left(1 - o\\right) \\\\',
      '  \\frac{\\partial E}{\\partial W} &= \\delta h^\\top \\\\',
      '  \\frac{\\partial E}{\\partial h} &= W^\\top \\delta',
      '\\end{align*}',
    ].join('\n'),
  );
});

test('derivationToLatex: a named inverse is transposed by name', () => {
  const r = deriveText("a'*inv(X)*b", { X: 'n,n', a: 'n', b: 'n' }, ['X', 'a']);
  const tex = derivationToLatex(r.root, r.d);
  assert.match(tex, /^ {2}t_\{1\} &= X\^\{-1\} \\\\$/m);
  assert.match(tex, /^ {2}t_\{2\} &= t_\{1\}\^\\top \\\\$/m);
});

test('derivationToLatex: Jacobian and Hessian labels', () => {
  const j = deriveText('σ(W*x)', { W: 'm,n', x: 'n' }, ['x']);
  assert.match(derivationToLatex(j.root, j.d), /^ {2}f &= \\sigma\\left\(W x\\right\) \\\\$/m);
  assert.match(derivationToLatex(j.root, j.d), /\\frac\{\\partial f\}\{\\partial x\} &= /);
  const h = deriveText("x'*A*x", { A: 'n,n', x: 'n' }, ['x'], { hessian: true });
  assert.match(derivationToLatex(h.root, h.d), /\\frac\{\\partial\^2 E\}\{\\partial x\\,\\partial x\^\\top\} &= A\^\\top \+ A/);
});

/** Braces balance, every \\left( has its \\right), and no superscript follows a superscript. */
function wellFormed(tex: string): string | null {
  let depth = 0;
  for (const ch of tex.replace(/\\[{}]/g, '')) {
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) return 'unbalanced }';
  }
  if (depth !== 0) return 'unbalanced {';
  const lefts = tex.match(/\\left[(|]/g)?.length ?? 0;
  const rights = tex.match(/\\right[)|]/g)?.length ?? 0;
  if (lefts !== rights) return `${lefts} \\left vs ${rights} \\right`;
  if (/\^(\{[^{}]*\}|\\top)\^/.test(tex)) return 'double superscript';
  return null;
}

test('derivationToLatex: well-formed for every numerically checked derivation', () => {
  for (const c of CASES) {
    const p = prepare(c);
    const tex = derivationToLatex(p.r.root, p.r.d);
    assert.equal(wellFormed(tex), null, `${c.name}:\n${tex}`);
    assert.equal(tex.split('\n').length, 3 + p.r.d.bindings.length + p.r.d.derivatives.length);
  }
});
