// The CLI as a real binary: exit codes (0 fine, 1 input problems, 2 usage or internal), text and
// JSON output, usage errors without stack traces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { assertNoStack, MAIN, run } from './cli-helpers.js';

test('shapes: a fitting expression, text output, exit 0', () => {
  const r = run(['shapes', 'W*h + b', '--shape', 'W=m,n', '--shape', 'h=n', '--shape', 'b=m,1']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, [
    'W*h + b  [m×1]',
    '├─ W*h   [m×1]',
    '│  ├─ W  [m×n]',
    '│  └─ h  [n×1]',
    '└─ b     [m×1]',
    '',
    'variables',
    '  W  [m×n]',
    '  h  [n×1]',
    '  b  [m×1]',
    '',
  ].join('\n'));
});

test('shapes: a mismatch prints the diagnostic with caret, notes and fix, exit 1', () => {
  const r = run(['shapes', "W'*h", '--shape', 'W=m,n', '--shape', 'h=n']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, [
    "W'*h     ?",
    "├─ W'    [n×m]",
    '│  └─ W  [m×n]',
    '└─ h     [n×1]',
    '',
    'variables',
    '  W  [m×n]',
    '  h  [n×1]',
    '',
    "error[shape-mismatch]: the product of [n×m] and [n×1] does not fit: W' has m columns but h has n rows (m ≠ n)",
    "  │ W'*h",
    '  │ ^^^^',
    "  = W' : [n×m]",
    '  = h : [n×1]',
    '  fix: W*h  → [m×1]',
    '',
  ].join('\n'));
});

test('shapes: inferred variables, broadcast notes and warnings in text', () => {
  const r = run(['shapes', 'A + b', '--shape', 'A=m,n']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\n {2}b {2}\[m×1\] {2}inferred\n/);
  assert.match(r.stdout, /\nnote: b \[m×1\] is broadcast across the n columns of A \[m×n\]\n$/);
  const w = run(['shapes', 'sigmiod(x)']);
  assert.equal(w.code, 0, 'a warning alone is not a failure');
  assert.match(w.stdout, /warning\[unknown-function\]: unknown function 'sigmiod' \(did you mean 'sigmoid'\?\)/);
  assert.match(w.stdout, /\n {2}│ sigmiod\(x\)\n {2}│ \^{7}\n/);
});

test('shapes: abstract functions are listed, aligned with the variables', () => {
  const r = run(['shapes', 'sigmiod(x) + E(W*x)', '--shape', 'W=m,n']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\nvariables\n {2}W {8}\[m×n\]\n {2}x {8}\[n×1\] {2}inferred\n {2}sigmiod {2}\[n×1\] -> \[1×1\] {2}abstract function\n {2}E {8}\[m×1\] -> \[1×1\] {2}abstract function\n/);
});

test('shapes: the tree of a deep expression is cut, stays small and aligned', () => {
  const r = run(['shapes', '-'], `${'x+'.repeat(50_000)}x`);
  assert.equal(r.code, 0);
  assert.ok(r.stdout.length < 10_000, `${r.stdout.length} chars`);
  const tree = r.stdout.split('\n\nvariables')[0]!.split('\n');
  assert.ok(tree.some((l) => l.trimEnd().endsWith('└─ …')), 'no cut marker');
  const columns = new Set(tree.filter((l) => l.endsWith(']')).map((l) => l.lastIndexOf('[')));
  assert.equal(columns.size, 1, 'shapes not aligned');
});

test('shapes --format json: the documented contract', () => {
  const r = run(['shapes', "W'*h + tr(W)", '--shape', 'W=m,n', '--shape', 'h=n', '--format', 'json']);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout), {
    ok: false,
    shape: null,
    variables: { W: ['m', 'n'], h: ['n', 1] },
    notes: [],
    diagnostics: [
      {
        severity: 'error',
        ruleId: 'shape-mismatch',
        message: "the product of [n×m] and [n×1] does not fit: W' has m columns but h has n rows (m ≠ n)",
        span: { start: 0, end: 4, line: 1, column: 1, endLine: 1, endColumn: 5 },
        notes: ["W' : [n×m]", 'h : [n×1]'],
        fixes: [{ expression: 'W*h', shape: ['m', 1] }],
      },
      {
        severity: 'error',
        ruleId: 'shape-mismatch',
        message: 'tr needs a square matrix, but W is [m×n]',
        span: { start: 7, end: 12, line: 1, column: 8, endLine: 1, endColumn: 13 },
        notes: ['W : [m×n]'],
        fixes: [],
      },
    ],
  });
  const ok = run(['shapes', 'A + b', '--format', 'json', '--shape', 'A=3,n']);
  assert.equal(ok.code, 0);
  assert.deepEqual(JSON.parse(ok.stdout), {
    ok: true,
    shape: [3, 'n'],
    variables: { A: [3, 'n'], b: [3, 1] },
    notes: ['b [3×1] is broadcast across the n columns of A [3×n]'],
    diagnostics: [],
  });
  const syntax = run(['shapes', 'x +', '--format', 'json']);
  assert.equal(syntax.code, 1);
  assert.deepEqual(JSON.parse(syntax.stdout), {
    ok: false,
    shape: null,
    variables: {},
    notes: [],
    diagnostics: [{
      severity: 'error', ruleId: 'syntax', message: "expected an expression after '+', found the end of the input",
      span: { start: 3, end: 3, line: 1, column: 4, endLine: 1, endColumn: 4 }, notes: [], fixes: [],
    }],
  });
});

test('shapes - reads the expression from stdin', () => {
  const r = run(['shapes', '-', '--format', 'json', '--shape', 'W=m,n'], "W*x\n");
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout).shape, ['m', 1]);
  const empty = run(['shapes', '']);
  assert.equal(empty.code, 1);
  assert.match(empty.stdout, /error\[syntax\]: empty expression/);
});

// [arguments, stderr message (a regexp)]; all exit 2 without a stack trace.
const USAGE: Array<[string[], RegExp]> = [
  [[], /name a command/],
  [['shapes'], /Not enough non-option arguments/],
  [['frobnicate', 'x'], /Unknown argument/],
  [['shapes', 'x', '--format', 'xml'], /Invalid values/],
  [['shapes', 'x', '--bogus'], /Unknown argument: bogus/],
  [['shapes', 'x', '--shape'], /Not enough arguments following: shape/],
  [['shapes', 'x', '--shape', 'W=,,'], /--shape W: ',,' is not a shape/],
  [['shapes', 'x', '--shape', 'W'], /--shape expects NAME=DIMS/],
  [['shapes', 'x', '--shape', '=m'], /--shape expects NAME=DIMS/],
  [['shapes', 'x', '--shape', '3W=m'], /--shape expects NAME=DIMS/],
  [['shapes', 'x', '--shape', 'W=m,n,k'], /is not a shape/],
  [['shapes', 'x', '--shape', 'W=0'], /is not a shape/],
  [['shapes', 'x', '--shape', 'W=-3'], /is not a shape/],
  [['shapes', 'x', '--shape', 'W=m;n'], /is not a shape/],
  [['shapes', 'x', '--shape', 'W=99999999999999999999'], /is not a shape/],
  [['shapes', 'x', '--shape', 'W=\u0001'], /is not a shape/],
  [['shapes', 'x', '--shape', 'W=m,,n'], /is not a shape/],
  [['shapes', 'x', '--assume', 'W=diagonal'], /--assume expects NAME=symmetric/],
];

test('usage errors exit 2 with a message and no stack trace', () => {
  for (const [args, message] of USAGE) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assertNoStack(r.stderr);
  }
});

test('--help and --version exit 0', () => {
  assert.equal(run(['--help']).code, 0);
  assert.match(run(['shapes', '--help']).stdout, /--shape/);
  assert.equal(run(['--version']).code, 0);
});

test('a reader that goes away (| head) ends the CLI quietly, without an EPIPE stack trace', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${MAIN}" shapes - --shape W=m,n --shape h=n | head -c 10 >/dev/null`], {
    input: `${"W'*h + ".repeat(20_000)}h`,
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
});
