import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDims, formatShape, elementCount } from '../../src/shape/dim.js';

test('parseDims reads numbers, symbols and scalars', () => {
  assert.deepEqual(parseDims('m,n'), ['m', 'n']);
  assert.deepEqual(parseDims('3, k'), [3, 'k']);
  assert.deepEqual(parseDims('scalar'), []);
  assert.deepEqual(parseDims('[m, batch]'), ['m', 'batch']);
  assert.equal(parseDims('m,,n'), null);
  assert.equal(parseDims('0'), null);
  assert.equal(parseDims('-3'), null);
});

test('formatShape uses × in Unicode and commas in ASCII', () => {
  assert.equal(formatShape(['m', 1]), '[m×1]');
  assert.equal(formatShape(['m', 1], false), '[m,1]');
  assert.equal(formatShape([null, 784]), '[?×784]');
  assert.equal(elementCount([2, 3]), 6);
  assert.equal(elementCount([null, 3]), null);
});
