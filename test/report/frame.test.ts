import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeFrame } from '../../src/report/frame.js';
import { LineMap } from '../../src/report/diagnostic.js';
import { span } from './fixtures.js';

const cases: { name: string; source: string; span: ReturnType<typeof span>; lineNumbers?: boolean; unicode?: boolean; expected: string[] }[] = [
  {
    name: 'a span inside a line',
    source: 'y = W * x',
    span: span(1, 5, 1, 10),
    expected: ['1 | y = W * x', '  |     ^~~~~'],
  },
  {
    name: 'a span at column 1',
    source: 'a\nz = sum(y)',
    span: span(2, 1, 2, 2),
    expected: ['2 | z = sum(y)', '  | ^'],
  },
  {
    name: 'a zero-width span at the end of the line (a missing token)',
    source: 'y = σ(W * h',
    span: span(1, 12, 1, 12),
    expected: ['1 | y = σ(W * h', '  |            ^'],
  },
  {
    name: 'a tab before the span is expanded to the next tab stop',
    source: '\ty = W',
    span: span(1, 6, 1, 7),
    expected: ['1 |     y = W', '  |         ^'],
  },
  {
    name: 'a tab inside the span widens the underline',
    source: 'a\tb',
    span: span(1, 1, 1, 4),
    expected: ['1 | a   b', '  | ^~~~~'],
  },
  {
    name: 'wide characters take two cells',
    source: '重み = W * x',
    span: span(1, 6, 1, 7),
    expected: ['1 | 重み = W * x', '  |        ^'],
  },
  {
    name: 'an astral character is two UTF-16 units but one code point',
    source: '𝐖 * x',
    span: span(1, 1, 1, 3),
    expected: ['1 | 𝐖 * x', '  | ^'],
  },
  {
    name: 'a span over two lines underlines from its start and up to its end',
    source: 'y = W *\n    x + b',
    span: span(1, 5, 2, 6),
    expected: ['1 | y = W *', '  |     ^~~', '2 |     x + b', '  |     ~'],
  },
  {
    name: 'a span ending at column 1 of the next line does not show that line',
    source: 'y = W * x\nz = y',
    span: span(1, 1, 2, 1),
    expected: ['1 | y = W * x', '  | ^~~~~~~~~'],
  },
  {
    name: 'a long span shows two lines, an ellipsis and the last line',
    source: 'a = [\n  1,\n  2,\n  3,\n  4]',
    span: span(1, 5, 5, 5),
    expected: ['1 | a = [', '  |     ^', '2 |   1,', '  |   ~~', '  ⋮', '5 |   4]', '  |   ~~'],
  },
  {
    name: 'the ellipsis in ASCII',
    source: 'a = [\n  1,\n  2,\n  3,\n  4]',
    span: span(1, 5, 5, 5),
    unicode: false,
    expected: ['1 | a = [', '  |     ^', '2 |   1,', '  |   ~~', '  :', '5 |   4]', '  |   ~~'],
  },
  {
    name: 'line numbers of different widths share one gutter',
    source: '\n\n\n\n\n\n\n\nA = B\nC = D',
    span: span(9, 1, 10, 2),
    expected: [' 9 | A = B', '   | ^~~~~', '10 | C = D', '   | ~'],
  },
  {
    name: 'an expression: one line, no gutter',
    source: "W * x'",
    span: span(1, 1, 1, 7),
    lineNumbers: false,
    expected: ["W * x'", '^~~~~~'],
  },
  {
    name: 'a span past the last line points after the end of the text',
    source: 'y = (x',
    span: span(3, 1, 3, 2),
    expected: ['1 | y = (x', '  |       ^'],
  },
];

for (const c of cases) {
  test(`codeFrame: ${c.name}`, () => {
    const opts = { ...(c.lineNumbers !== undefined ? { lineNumbers: c.lineNumbers } : {}), ...(c.unicode !== undefined ? { unicode: c.unicode } : {}) };
    assert.deepEqual(codeFrame(c.source, c.span, opts), c.expected);
  });
}

test('codeFrame accepts a LineMap built once for many frames, and CRLF line ends', () => {
  const map = new LineMap('y = W * x\r\nz = y\r\n');
  assert.deepEqual(codeFrame(map, span(2, 5, 2, 6)), ['2 | z = y', '  |     ^']);
});
