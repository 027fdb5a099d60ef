// The parser: precedence and associativity, spans of every node kind, Unicode aliases, and
// syntax errors with their exact span and "expected …" message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, ParseError, MAX_NESTING } from '../../src/expr/parser.js';
import { tokenize } from '../../src/expr/lexer.js';
import { sexpr, spans } from './helpers.js';

// [input, tree]: loosest `+ -`, then `* .* / ./`, then unary minus, then `^ .^` (right
// associative), then postfix `'`.
const PRECEDENCE: Array<[string, string]> = [
  ['a + b * c', '(+ a (* b c))'],
  ['a * b + c', '(+ (* a b) c)'],
  ['a - b - c', '(- (- a b) c)'],
  ['a - b + c', '(+ (- a b) c)'],
  ['a / b / c', '(/ (/ a b) c)'],
  ['a * b * c', '(* (* a b) c)'],
  ['a .* b * c', '(* (.* a b) c)'],
  ['a ./ b .* c', '(.* (./ a b) c)'],
  ['a * b ./ c', '(./ (* a b) c)'],
  ['-a * b', '(* (neg a) b)'],
  ['-a + b', '(+ (neg a) b)'],
  ['-a ^ 2', '(neg (^ a 2))'],
  ['-a .^ 2', '(neg (.^ a 2))'],
  ['a ^ b ^ c', '(^ a (^ b c))'],
  ['a .^ b .^ c', '(.^ a (.^ b c))'],
  ['a ^ -b', '(^ a (neg b))'],
  ['a ^ -b ^ c', '(^ a (neg (^ b c)))'],
  ["a' * b", "(* (' a) b)"],
  ["a * b'", "(* a (' b))"],
  ["a'^2", "(^ (' a) 2)"],
  ["a''", "(' (' a))"],
  ["-a'", "(neg (' a))"],
  ["(-a)'", "(' [(neg a)])"],
  ['a * -b', '(* a (neg b))'],
  ['a - -b', '(- a (neg b))'],
  ['--a', '(neg (neg a))'],
  ['+a', 'a'],
  ['a + +b', '(+ a b)'],
  ['2.*x', '(.* 2 x)'],
  ['2.^x', '(.^ 2 x)'],
  ['2./x', '(./ 2 x)'],
  ['2.5*x', '(* 2.5 x)'],
  ['.5*x', '(* 0.5 x)'],
  ['1e-3*x', '(* 0.001 x)'],
  ['2E+2', '200'],
  ['f(a, b + c)', '(f a (+ b c))'],
  ['(a + b) * c', '(* [(+ a b)] c)'],
  ['exp(x)\'', "(' (exp x))"],
  ['A^-1', '(^ A (neg 1))'],
  ['-2^2', '(neg (^ 2 2))'],
  ["2^-x'", "(^ 2 (neg (' x)))"],
  ['∇E(o)', '(∇E o)'],
  ['grad_E(o)', '(∇E o)'],
  ['grad_E', 'grad_E'],
  ['ones(m, 1)', '(ones m 1)'],
  ['f()', '(f)'],
  ['a\n+\tb', '(+ a b)'],
];

test('precedence and associativity', () => {
  for (const [input, want] of PRECEDENCE) {
    assert.equal(sexpr(parse(input)), want, input);
  }
});

// Unicode spellings parse to the same tree as their ASCII spelling.
const ALIASES: Array<[string, string]> = [
  ['W·h', 'W*h'],
  ['W⋅h', 'W*h'],
  ['x⊙y', 'x.*y'],
  ['x∘y', 'x.*y'],
  ['Wᵀ*h', "W'*h"],
  ['a−b', 'a-b'],
  ['−x', '-x'],
  ['Wᵀ·(σ(z) − y)⊙x', "W'*(σ(z)-y).*x"],
  ['∇E(o)', 'grad_E(o)'],
  ['α·β', 'α*β'],
];

test('Unicode aliases parse like their ASCII spelling', () => {
  for (const [unicode, ascii] of ALIASES) assert.equal(sexpr(parse(unicode)), sexpr(parse(ascii)), unicode);
  assert.equal(sexpr(parse('σ(x)')), '(σ x)');
});

test('the lexer folds aliases to canonical token text and keeps source offsets', () => {
  const toks = tokenize('Wᵀ·h ⊙ −x');
  assert.deepEqual(
    toks.map((t) => [t.kind, t.text, t.start, t.end]),
    [
      ['ident', 'W', 0, 1],
      ['op', "'", 1, 2],
      ['op', '*', 2, 3],
      ['ident', 'h', 3, 4],
      ['op', '.*', 5, 6],
      ['op', '-', 7, 8],
      ['ident', 'x', 8, 9],
      ['eof', '', 9, 9],
    ],
  );
});

test('spans of every node kind', () => {
  const text = "f(x) + -y' .* (2) - ∇E(o) + grad_F(W)*h";
  assert.deepEqual(spans(text, parse(text)), [
    'ident:x',
    'call:f(x)',
    'ident:y',
    "transpose:y'",
    "neg:-y'",
    'num:2',
    'paren:(2)',
    "binary:-y' .* (2)",
    "binary:f(x) + -y' .* (2)",
    'ident:o',
    'call:∇E(o)',
    "binary:f(x) + -y' .* (2) - ∇E(o)",
    'ident:W',
    'call:grad_F(W)',
    'ident:h',
    'binary:grad_F(W)*h',
    "binary:f(x) + -y' .* (2) - ∇E(o) + grad_F(W)*h",
  ]);
  const call = parse('  sum (x) ');
  assert.equal(call.kind, 'call');
  if (call.kind === 'call') assert.deepEqual([call.start, call.nameEnd, call.end], [2, 5, 9]);
  const bin = parse('a  .* b');
  if (bin.kind === 'binary') assert.equal(bin.opStart, 3);
  else assert.fail('not binary');
});

// [input, message, start, end]
const SYNTAX_ERRORS: Array<[string, string, number, number]> = [
  ['', 'empty expression', 0, 0],
  ['   ', 'empty expression', 0, 0],
  ['x +', "expected an expression after '+', found the end of the input", 3, 3],
  ['x + * y', "expected an expression after '+', found '*'", 4, 5],
  ['x * / y', "expected an expression after '*', found '/'", 4, 5],
  ['x ^', "expected an expression after '^', found the end of the input", 3, 3],
  ['-', "expected an expression after '-', found the end of the input", 1, 1],
  ['(x + y', "expected ')' to close the '(' at column 1, found the end of the input", 6, 6],
  ['a*(x + y', "expected ')' to close the '(' at column 3, found the end of the input", 8, 8],
  ['x + y)', "unmatched ')'", 5, 6],
  [')', "expected an expression, found ')'", 0, 1],
  ['()', "expected an expression after '(', found ')'", 1, 2],
  ['2x', "expected an operator or the end, found 'x'", 1, 2],
  ['x y', "expected an operator or the end, found 'y'", 2, 3],
  ["'x", "expected an expression, found '''", 0, 1],
  ['f(x,)', "expected an expression after ',', found ')'", 4, 5],
  ['f(,x)', "expected an expression after '(', found ','", 2, 3],
  ['f(x y)', "expected ',' or ')' in the arguments of f, found 'y'", 4, 5],
  ['f(x', "expected ',' or ')' in the arguments of f, found the end of the input", 3, 3],
  ['x, y', "expected an operator or the end, found ','", 1, 2],
  ['x @ y', "unexpected character '@' (U+0040): the matrix product is written '*' (or '·')", 2, 3],
  ['x; y', "unexpected character ';' (U+003B)", 1, 2],
  ['x\u037Ey', "unexpected character '\u037E' (U+037E)", 1, 2],
  ['3e', "expected an operator or the end, found 'e'", 1, 2],
  ['3e+', "expected an operator or the end, found 'e'", 1, 2],
  ['x\u0007', 'unexpected character (U+0007)', 1, 2],
  ['x +\u0000y', 'unexpected character (U+0000)', 3, 4],
  ['x\u007f', 'unexpected character (U+007F)', 1, 2],
  ['a + 😀', "unexpected character '😀' (U+1F600)", 4, 6],
  ['x\u00a0+ y', "unexpected character '\u00a0' (U+00A0)", 1, 2],
  ['∇x', "expected a function application after '∇', as in ∇E(o)", 1, 2],
  ['∇', "expected a function application after '∇', as in ∇E(o)", 1, 1],
  ['1e999', 'number 1e999 is too large', 0, 5],
  ['x.y', "unexpected character '.' (U+002E): elementwise operators are '.*', './' and '.^'", 1, 2],
];

test('syntax errors: exact message and span', () => {
  for (const [input, message, start, end] of SYNTAX_ERRORS) {
    try {
      parse(input);
      assert.fail(`expected a syntax error for ${JSON.stringify(input)}`);
    } catch (e) {
      assert.ok(e instanceof ParseError, `${JSON.stringify(input)}: ${String(e)}`);
      assert.deepEqual([e.message, e.start, e.end], [message, start, end], JSON.stringify(input));
    }
  }
});

test('nesting deeper than MAX_NESTING is a syntax error at the first paren too deep', () => {
  const n = MAX_NESTING + 1;
  const text = `${'('.repeat(n)}x${')'.repeat(n)}`;
  assert.throws(() => parse(text), (e: unknown) => e instanceof ParseError && e.start === MAX_NESTING && e.end === MAX_NESTING + 1 && e.message === `expression nested more than ${MAX_NESTING} levels deep`);
  // Exactly MAX_NESTING levels still parse.
  const ok = `${'('.repeat(MAX_NESTING)}x${')'.repeat(MAX_NESTING)}`;
  assert.equal(parse(ok).kind, 'paren');
});
