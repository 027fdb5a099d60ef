// `--shape NAME=DIMS`: what parses to which dims, and what is refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NAME, parseDims } from '../../src/shape/dim.js';
import { parseShapeFlags } from '../../src/cli/declarations.js';
import { UsageError } from '../../src/cli/io.js';

const DIMS: Array<[string, ReturnType<typeof parseDims>]> = [
  ['m,n', ['m', 'n']],
  [' m , n ', ['m', 'n']],
  ['3, k', [3, 'k']],
  ['[m, n]', ['m', 'n']],
  ['m×n', ['m', 'n']],
  ['3x4', [3, 4]],
  ['3 x 4', [3, 4]],
  ['n', ['n']],
  ['scalar', []],
  ['', []],
  ['[]', []],
  ['1,1', [1, 1]],
  // Symbols may contain the letter x.
  ['max_len,n', ['max_len', 'n']],
  ['x', ['x']],
  ['nx,ny', ['nx', 'ny']],
  ['σ,τ', ['σ', 'τ']],
  // Refused.
  [',,', null],
  ['m,,n', null],
  ['0', null],
  ['-3', null],
  ['2.5', null],
  ['99999999999999999999', null],
  ['m;n', null],
  ['m n', null],
  ['3m', null],
  ['\u0001', null],
  ['m,\u037e', null],
];

test('parseDims', () => {
  for (const [text, want] of DIMS) assert.deepEqual(parseDims(text), want, JSON.stringify(text));
});

test('parseShapeFlags: names, dims and the usage errors', () => {
  assert.deepEqual([...parseShapeFlags(['W=m,n', 'h=n', 'α=scalar', 'W2=3x4'])], [['W', ['m', 'n']], ['h', ['n']], ['α', []], ['W2', [3, 4]]]);
  const bad: Array<[string, RegExp]> = [
    ['W', /--shape expects NAME=DIMS/],
    ['=m', /--shape expects NAME=DIMS/],
    ['3W=m', /--shape expects NAME=DIMS/],
    ['W;=m', /--shape expects NAME=DIMS/],
    ['W=,,', /--shape W: ',,' is not a shape/],
    ['W=m,n,k', /--shape W: 'm,n,k' is not a shape/],
  ];
  for (const [flag, message] of bad) assert.throws(() => parseShapeFlags([flag]), (e: unknown) => e instanceof UsageError && message.test(e.message), flag);
});

test('any --shape value is a declaration or a UsageError, nothing else', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', 'W=', 'W=m,', '[', 'W=['), (s, prefix) => {
      try {
        const m = parseShapeFlags([prefix + s]);
        for (const dims of m.values()) {
          assert.ok(dims.length <= 2);
          for (const d of dims) assert.ok((typeof d === 'number' && Number.isSafeInteger(d) && d >= 1) || (typeof d === 'string' && NAME.test(d)));
        }
      } catch (e) {
        assert.ok(e instanceof UsageError, String(e));
      }
    }),
    { seed: 12, numRuns: 1000 },
  );
});
