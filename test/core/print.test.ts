// Printing: ASCII by default, Unicode on request, parentheses only where precedence needs them,
// and the contract that printed text re-parses to the very same hash-consed node.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/expr/analyze.js';
import { printExpr } from '../../src/expr/print.js';
import { check, declarationsOf, reparse } from './helpers.js';

// [input, declarations, ASCII print, Unicode print]
const PRINTS: Array<[string, string[], string, string]> = [
  ["W'*h",["W=n,m","h=n"],"W'*h","Wᵀ·h"],
  ["σ(W*h + b)",["W=m,n"],"sigmoid(W*h + b)","σ(W·h + b)"],
  ["(A*B)*C",[],"A*B*C","A·B·C"],
  ["A*(B*C)",[],"A*(B*C)","A·(B·C)"],
  ["x*2",[],"2*x","2·x"],
  ["-2*x",[],"-2*x","-2·x"],
  ["x - -2",[],"x - -2","x - -2"],
  ["x + -2",[],"x + -2","x + -2"],
  ["-(x)",[],"-x","-x"],
  ["--x",[],"--x","--x"],
  ["-(-2)",[],"2","2"],
  ["(-2)^2",[],"(-2)^2","(-2)^2"],
  ["-2^2",[],"-2^2","-2^2"],
  ["x.^-2",[],"x.^-2","x.^-2"],
  ["x.^(-y)",[],"x.^-y","x.^-y"],
  ["A^-1",["A=n,n"],"A^(-1)","A^(-1)"],
  ["A^(2)",["A=n,n"],"A^2","A^2"],
  ["(x')'",[],"x''","xᵀᵀ"],
  ["-x'",[],"-x'","-xᵀ"],
  ["(-x)'",[],"(-x)'","(-x)ᵀ"],
  ["(x + y)'",[],"(x + y)'","(x + y)ᵀ"],
  ["x ./ 2",[],"x / 2","x / 2"],
  ["x / α",[],"x / α","x / α"],
  ["α ./ x",[],"α ./ x","α ./ x"],
  ["α .^ 2",[],"α^2","α^2"],
  ["2 .^ x",[],"2.^x","2.^x"],
  ["(a.^b).^c",[],"(a.^b).^c","(a.^b).^c"],
  ["a.^(b.^c)",[],"a.^b.^c","a.^b.^c"],
  ["a - (b - c)",[],"a - (b - c)","a - (b - c)"],
  ["(a - b) - c",[],"a - b - c","a - b - c"],
  ["a .* (b .* c)",[],"a .* (b .* c)","a ⊙ (b ⊙ c)"],
  ["A .* B*C",[],"(A .* B)*C","(A ⊙ B)·C"],
  ["A .* (B*C)",["B=m,k"],"A .* (B*C)","A ⊙ (B·C)"],
  ["1e-7*x",[],"1e-7*x","1e-7·x"],
  ["1.5e300*x",[],"1.5e300*x","1.5e300·x"],
  ["0.1 + x",[],"0.1 + x","0.1 + x"],
  ["∇E(o) .* o",[],"grad_E(o) .* o","∇E(o) ⊙ o"],
  ["grad_E(W*x)",["W=m,n"],"grad_E(W*x)","∇E(W·x)"],
  ["E(σ(W*h))",["W=m,n"],"E(sigmoid(W*h))","E(σ(W·h))"],
  ["ones(m, 1)'*x",[],"ones(m, 1)'*x","ones(m, 1)ᵀ·x"],
  ["eye(3)*x",[],"eye(3)*x","eye(3)·x"],
  ["zeros(2, 3) + Z",[],"zeros(2, 3) + Z","zeros(2, 3) + Z"],
  ["tr(A) + det(A) + logdet(A)",[],"tr(A) + det(A) + logdet(A)","tr(A) + det(A) + logdet(A)"],
  ["inv(A)*diag(x)",[],"inv(A)*diag(x)","inv(A)·diag(x)"],
  ["softmax(x) - logsumexp(x)*y",[],"softmax(x) - logsumexp(x)*y","softmax(x) - logsumexp(x)·y"],
  ["norm2(x) + norm1(x) + sum(x) + mean(x) + numel(x)",[],"norm2(x) + norm1(x) + sum(x) + mean(x) + numel(x)","norm2(x) + norm1(x) + sum(x) + mean(x) + numel(x)"],
  ["sqrt(abs(x)) + sign(x) .* step(x) + relu(x) - softplus(x) + sin(x) .* cos(x) + tanh(exp(log(x)))",[],"sqrt(abs(x)) + sign(x) .* step(x) + relu(x) - softplus(x) + sin(x) .* cos(x) + tanh(exp(log(x)))","sqrt(abs(x)) + sign(x) ⊙ step(x) + relu(x) - softplus(x) + sin(x) ⊙ cos(x) + tanh(exp(log(x)))"],
  ["(x'*y)*(y'*x)",[],"x'*y*(y'*x)","xᵀ·y·(yᵀ·x)"],
  ["(x'*y)^2",[],"(x'*y)^2","(xᵀ·y)^2"],
  ["x'*y^2",[],"y^2*x'","y^2·xᵀ"],
  ["-(x'*y)",[],"-(x'*y)","-(xᵀ·y)"],
  ["2*-x",[],"2*-x","2·-x"],
  ["W*-x",["W=m,n"],"W*-x","W·-x"],
  ["α*(β*γ)",[],"α*(β*γ)","α·(β·γ)"],
  ["x.^2'",[],"x.^2'","x.^2ᵀ"],
  ["(α^β)^γ",[],"(α^β)^γ","(α^β)^γ"],
  ["α^β^γ",[],"α^β^γ","α^β^γ"],
];

test('printed text, ASCII and Unicode', () => {
  for (const [input, decl, ascii, unicode] of PRINTS) {
    const a = check(input, ...decl);
    assert.ok(a.ok, input);
    assert.equal(printExpr(a.expr!), ascii, input);
    assert.equal(printExpr(a.expr!, { unicode: true }), unicode, input);
  }
});

test('printed text re-parses to the identical node and checks with the same shape', () => {
  for (const [input, decl] of PRINTS) {
    const a = check(input, ...decl);
    for (const unicode of [false, true]) {
      const text = printExpr(a.expr!, { unicode });
      assert.equal(reparse(a, text), a.expr, `${input} → ${text}`);
      const again = analyze(text, { shapes: declarationsOf(a) });
      assert.ok(again.ok, `${input} → ${text}: ${again.diagnostics[0]?.message}`);
      assert.deepEqual(again.elaborated!.shapeOf(again.ast!), a.elaborated!.shapeOf(a.ast!), text);
    }
  }
});

test('printing a 100,000-node left-deep chain neither overflows nor re-parses differently', () => {
  const text = `x${' + y .* x'.repeat(50_000)}`;
  const a = check(text);
  assert.ok(a.ok);
  const printed = printExpr(a.expr!);
  assert.equal(printed, text);
  assert.equal(reparse(a, printed), a.expr);
});

test('names replace the nodes they stand for (the where-form)', () => {
  const a = check('sigmoid(W*x) .* (1 - sigmoid(W*x))', 'W=m,n');
  const s = a.expr!.args[0]!;
  assert.equal(printExpr(a.expr!, { names: new Map([[s.id, 's']]) }), 's .* (1 - s)');
});
