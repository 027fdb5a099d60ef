import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { stylish } from '../../src/report/stylish.js';
import type { FileResult } from '../../src/report/types.js';
import { plainOptions, results, span } from './fixtures.js';

const fixturesReport = [
  'examples/mlp.grad',
  '  3:5  error    cannot multiply W:[m×n] by x:[m×1]  shape-mismatch',
  '                inner dimensions n and m differ',
  '       3 | y = W * x',
  '         |     ^~~~~',
  '       W * x needs the columns of W (n) to equal the rows of x (m)',
  "       fix: W' * x  [n×1]",
  '       examples/mlp.grad:1:5: W is declared here',
  '  4:1  warning  z is never used                     unused-binding',
  '       4 | z = sum(y)',
  '         | ^',
  '',
  'models/my model.ts',
  '  12:3  warning  dense expects input [?×784], got [?×28×28]  input-shape-mismatch',
  '        fix: tf.layers.flatten()  (insert before dense)',
  '',
  'examples/tab.grad',
  '  1:13  error  expected \')\'  parse-error',
  '        1 |     y = σ(W * h',
  '          |                ^',
  '',
  '✖ 4 problems (2 errors, 2 warnings)',
].join('\n');

const cases: { name: string; results: FileResult[]; unicode?: boolean; expected: string }[] = [
  { name: 'no results print nothing', results: [], expected: '' },
  { name: 'clean files print nothing', results: [{ filePath: 'a.grad', source: 'y = x', diagnostics: [] }], expected: '' },
  { name: 'the shared fixtures', results, expected: fixturesReport },
  {
    name: 'one warning, singular words, a related place in another file, wide text aligned',
    results: [
      {
        filePath: 'models/net.ts',
        diagnostics: [
          {
            severity: 'warning',
            message: '重み has no shape',
            ruleId: 'unknown-shape',
            span: span(2, 1, 2, 3),
            related: [{ message: 'declared here', span: span(1, 7, 1, 9, 'models/weights.ts') }],
          },
          { severity: 'warning', message: 'ok', ruleId: 'second', span: span(10, 1, 10, 2) },
        ],
      },
    ],
    expected: [
      'models/net.ts',
      '  2:1   warning  重み has no shape  unknown-shape',
      '        models/weights.ts:1:7: declared here',
      '  10:1  warning  ok                 second',
      '',
      '✖ 2 problems (0 errors, 2 warnings)',
    ].join('\n'),
  },
  {
    name: 'info notes are counted apart, ASCII summary',
    unicode: false,
    results: [{ filePath: 'a.grad', diagnostics: [{ severity: 'info', message: 'm is inferred as 3', ruleId: 'inferred-dim', span: span(1, 1, 1, 2) }] }],
    expected: ['a.grad', '  1:1  info  m is inferred as 3  inferred-dim', '', 'X 1 problem (0 errors, 0 warnings, 1 note)'].join('\n'),
  },
];

for (const c of cases) {
  test(`stylish: ${c.name}`, () => {
    const opts = plainOptions(c.unicode !== undefined ? { unicode: c.unicode } : {});
    assert.equal(stylish(c.results, opts), c.expected);
  });
}

test('stylish: colour comes only from the injected chalk, and removing it leaves the plain report', () => {
  const colored = stylish(results, plainOptions({ color: new Chalk({ level: 1 }) }));
  assert.notEqual(colored, fixturesReport);
  assert.match(colored, /\u001b\[31merror/); // red severity
  assert.match(colored, /\u001b\[4mexamples\/mlp\.grad/); // underlined path
  assert.equal(stripVTControlCharacters(colored), fixturesReport);
  assert.doesNotMatch(stylish(results, plainOptions()), /\u001b/);
});
