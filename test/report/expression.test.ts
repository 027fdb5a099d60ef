import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { formatExpressionDiagnostics } from '../../src/report/expression.js';
import { span } from './fixtures.js';

const plain = { color: new Chalk({ level: 0 }) };

test('expression diagnostics: message, caret under the culprit, notes, fixes; no path or line numbers', () => {
  const text = formatExpressionDiagnostics(
    "0.5*sum((σ(W*h) - y).^2)'",
    [
      {
        severity: 'error',
        message: 'cannot multiply W:[m×n] by h:[m]\ninner dimensions n and m differ',
        ruleId: 'shape-mismatch',
        span: span(1, 12, 1, 15),
        notes: ['W is [m×n], h is [m]'],
        fixes: [{ expression: "W'*h", shape: '[n]' }],
        related: [{ message: 'h is used here too', span: span(1, 14, 1, 15) }],
      },
      { severity: 'warning', message: "transpose of a scalar does nothing", ruleId: 'useless-transpose', span: span(1, 25, 1, 26) },
    ],
    plain,
  );
  assert.equal(
    text,
    [
      'error  cannot multiply W:[m×n] by h:[m]  (shape-mismatch)',
      '  inner dimensions n and m differ',
      "  0.5*sum((σ(W*h) - y).^2)'",
      '             ^~~',
      '  W is [m×n], h is [m]',
      "  fix: W'*h  [n]",
      '  col 14: h is used here too',
      '',
      'warning  transpose of a scalar does nothing  (useless-transpose)',
      "  0.5*sum((σ(W*h) - y).^2)'",
      '                          ^',
    ].join('\n'),
  );
});

test('expression diagnostics: nothing to say is the empty string; colour only from the injected chalk', () => {
  assert.equal(formatExpressionDiagnostics('x', [], plain), '');
  const d = { severity: 'error' as const, message: 'unknown symbol q', ruleId: 'unknown-symbol', span: span(1, 1, 1, 2) };
  const colored = formatExpressionDiagnostics('q', [d], { color: new Chalk({ level: 1 }) });
  assert.match(colored, /\u001b\[31m/);
  assert.equal(stripVTControlCharacters(colored), formatExpressionDiagnostics('q', [d], plain));
});
