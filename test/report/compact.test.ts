import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compact } from '../../src/report/compact.js';
import type { Diagnostic } from '../../src/report/diagnostic.js';
import type { FileResult } from '../../src/report/types.js';
import { plainOptions, results, span } from './fixtures.js';

const diag = (message: string, severity: Diagnostic['severity'] = 'error', at = span(1, 1, 1, 2)): Diagnostic => ({
  severity,
  message,
  ruleId: 'shape-mismatch',
  span: at,
});

const cases: { name: string; results: FileResult[]; expected: string }[] = [
  { name: 'no results', results: [], expected: '' },
  { name: 'only clean files', results: [{ filePath: 'a.grad', diagnostics: [] }], expected: '' },
  {
    name: 'the shared fixtures, one line each, in order',
    results,
    expected: [
      'examples/mlp.grad:3:5: error cannot multiply W:[m×n] by x:[m×1] inner dimensions n and m differ [shape-mismatch]',
      'examples/mlp.grad:4:1: warning z is never used [unused-binding]',
      'models/my model.ts:12:3: warning dense expects input [?×784], got [?×28×28] [input-shape-mismatch]',
      "examples/tab.grad:1:13: error expected ')' [parse-error]",
    ].join('\n'),
  },
  {
    name: 'CRLF line breaks and indentation are folded to one space',
    results: [{ filePath: 'a.grad', diagnostics: [diag('first\r\n    second\n\nthird  ')] }],
    expected: 'a.grad:1:1: error first second third [shape-mismatch]',
  },
  {
    name: 'info severity, unicode and brackets inside the message',
    results: [{ filePath: 'd/σ.grad', diagnostics: [diag('σ(z) has shape [m×1] [sic]', 'info', span(7, 40, 7, 44))] }],
    expected: 'd/σ.grad:7:40: info σ(z) has shape [m×1] [sic] [shape-mismatch]',
  },
  {
    name: 'absolute paths are made relative to cwd',
    results: [{ filePath: '/repo/src/model.ts', diagnostics: [diag('x')] }],
    expected: 'src/model.ts:1:1: error x [shape-mismatch]',
  },
];

for (const c of cases) {
  test(`compact: ${c.name}`, () => {
    assert.equal(compact(c.results, plainOptions()), c.expected);
  });
}
