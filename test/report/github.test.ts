import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, github } from '../../src/report/github.js';
import type { Diagnostic, Severity } from '../../src/report/diagnostic.js';
import type { FileResult } from '../../src/report/types.js';
import { plainOptions, results, span } from './fixtures.js';

const escapes: [string, string, string][] = [
  // input, as data (message), as property
  ['plain', 'plain', 'plain'],
  ['100%', '100%25', '100%25'],
  ['a\nb', 'a%0Ab', 'a%0Ab'],
  ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
  ['x: y, z', 'x: y, z', 'x%3A y%2C z'],
  ['%0A', '%250A', '%250A'], // an escape sequence in the text stays text
  ['dir/a b.grad', 'dir/a b.grad', 'dir/a b.grad'],
];

for (const [input, data, property] of escapes) {
  test(`github escaping of ${JSON.stringify(input)}`, () => {
    assert.equal(escapeData(input), data);
    assert.equal(escapeProperty(input), property);
  });
}

test('github: no results print nothing', () => {
  assert.equal(github([], plainOptions()), '');
  assert.equal(github([{ filePath: 'a.grad', diagnostics: [] }], plainOptions()), '');
});

test('github: the shared fixtures, one command per diagnostic, notes and fixes under the message', () => {
  assert.equal(
    github(results, plainOptions()),
    [
      "::error file=examples/mlp.grad,line=3,col=5,endLine=3,endColumn=10,title=shape-mismatch::cannot multiply W:[m×n] by x:[m×1]%0Ainner dimensions n and m differ%0AW * x needs the columns of W (n) to equal the rows of x (m)%0Afix: W' * x  [n×1]",
      '::warning file=examples/mlp.grad,line=4,col=1,endLine=4,endColumn=2,title=unused-binding::z is never used',
      '::warning file=models/my model.ts,line=12,col=3,endLine=12,endColumn=31,title=input-shape-mismatch::dense expects input [?×784], got [?×28×28]%0Afix: tf.layers.flatten()  (insert before dense)',
      "::error file=examples/tab.grad,line=1,col=13,endLine=1,endColumn=13,title=parse-error::expected ')'",
    ].join('\n'),
  );
});

test('github: properties with `:` and `,` are escaped, info becomes a notice', () => {
  const r: FileResult = {
    filePath: 'odd: dir/a,b.grad',
    diagnostics: [{ severity: 'info', message: '50% done: ok', ruleId: 'x', span: span(1, 2, 1, 3) }],
  };
  assert.equal(github([r], plainOptions()), '::notice file=odd%3A dir/a%2Cb.grad,line=1,col=2,endLine=1,endColumn=3,title=x::50%25 done: ok');
});

function many(errors: number, warnings: number, infos = 0): FileResult[] {
  const d = (severity: Severity, i: number): Diagnostic => ({ severity, message: `${severity} ${i}`, ruleId: 'r', span: span(i, 1, i, 2) });
  return [
    {
      filePath: 'm.ts',
      diagnostics: [
        ...Array.from({ length: errors }, (_, i) => d('error', i + 1)),
        ...Array.from({ length: warnings }, (_, i) => d('warning', i + 1)),
        ...Array.from({ length: infos }, (_, i) => d('info', i + 1)),
      ],
    },
  ];
}

test('github: exactly 10 errors and 10 warnings fit without a notice', () => {
  const lines = github(many(10, 10), plainOptions()).split('\n');
  assert.equal(lines.length, 20);
  assert.ok(lines.every((l) => !l.startsWith('::notice')));
});

test('github: past 10 per kind, the first 10 are emitted and a notice says what was left out', () => {
  const lines = github(many(13, 11), plainOptions()).split('\n');
  assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 10);
  assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 10);
  assert.match(lines[9]!, /::error 10$/);
  assert.equal(
    lines.at(-1),
    '::notice title=shapegrad::shapegrad emitted 20 of 24 annotations (GitHub shows at most 10 errors and 10 warnings per step); ' +
      '3 errors, 1 warning not annotated: see the uploaded SARIF (code scanning) or the stylish output for all of them.',
  );
  assert.equal(lines.length, 21);
});

test('github: notices keep one place for the summary notice', () => {
  const lines = github(many(0, 0, 12), plainOptions()).split('\n');
  assert.equal(lines.filter((l) => l.startsWith('::notice file=')).length, 9);
  assert.match(lines.at(-1)!, /^::notice title=shapegrad::shapegrad emitted 9 of 12 annotations .*; 3 notes not annotated: /);
});
