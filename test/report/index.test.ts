import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compact, formatResults, github, isReporterName, json, reporterNames, sarif, stylish, type ReporterName } from '../../src/report/index.js';
import { plainOptions, results } from './fixtures.js';

test('formatResults dispatches each name to its reporter', () => {
  const byName = { stylish, compact, json, sarif, github };
  assert.deepEqual([...reporterNames], ['stylish', 'compact', 'json', 'sarif', 'github']);
  for (const name of reporterNames) assert.equal(formatResults(name, results, plainOptions()), byName[name](results, plainOptions()));
});

test('formatResults refuses an unknown name with the list of known ones', () => {
  assert.equal(isReporterName('sarif'), true);
  assert.equal(isReporterName('junit'), false);
  assert.throws(() => formatResults('junit' as ReporterName, results, plainOptions()), /unknown format 'junit': expected one of stylish, compact, json, sarif, github/);
});

test('reporters are pure: the same input gives the same text, and the input is not changed', () => {
  const before = JSON.stringify(results);
  for (const name of reporterNames) assert.equal(formatResults(name, results, plainOptions()), formatResults(name, results, plainOptions()));
  assert.equal(JSON.stringify(results), before);
});
