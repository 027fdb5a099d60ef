import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../../src/report/json.js';
import { plainOptions, results, shapeMismatch } from './fixtures.js';

test('json: no results is an empty array', () => {
  assert.equal(json([], plainOptions()), '[]');
});

test("json: ESLint's shape with keys in a fixed order", () => {
  const text = json([{ filePath: 'examples/mlp.grad', source: 'ignored', diagnostics: [shapeMismatch] }], plainOptions());
  assert.equal(
    text,
    `[
  {
    "filePath": "examples/mlp.grad",
    "messages": [
      {
        "ruleId": "shape-mismatch",
        "severity": 2,
        "message": "cannot multiply W:[m×n] by x:[m×1]\\ninner dimensions n and m differ",
        "line": 3,
        "column": 5,
        "endLine": 3,
        "endColumn": 10,
        "notes": [
          "W * x needs the columns of W (n) to equal the rows of x (m)"
        ],
        "fixes": [
          {
            "expression": "W' * x",
            "shape": "[n×1]"
          }
        ],
        "related": [
          {
            "message": "W is declared here",
            "line": 1,
            "column": 5,
            "endLine": 1,
            "endColumn": 6
          }
        ]
      }
    ],
    "errorCount": 1,
    "warningCount": 0
  }
]`,
  );
});

test('json: every file is listed, counts and severities per file', () => {
  const parsed = JSON.parse(json(results, plainOptions())) as { filePath: string; messages: { severity: number; ruleId: string }[]; errorCount: number; warningCount: number }[];
  assert.deepEqual(
    parsed.map((f) => [f.filePath, f.messages.map((m) => `${m.ruleId}:${m.severity}`), f.errorCount, f.warningCount]),
    [
      ['examples/mlp.grad', ['shape-mismatch:2', 'unused-binding:1'], 1, 1],
      ['models/my model.ts', ['input-shape-mismatch:1'], 0, 1],
      ['examples/tab.grad', ['parse-error:2'], 1, 0],
      ['examples/ok.grad', [], 0, 0],
    ],
  );
  // Optional keys are absent, not null, when a diagnostic has nothing to put in them.
  assert.deepEqual(Object.keys(JSON.parse(json([results[2]!], plainOptions()))[0].messages[0]), [
    'ruleId',
    'severity',
    'message',
    'line',
    'column',
    'endLine',
    'endColumn',
  ]);
});
