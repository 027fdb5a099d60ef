import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sarif, SARIF_SCHEMA, toSarif } from '../../src/report/sarif.js';
import { plainOptions, results } from './fixtures.js';
import { validateSarif } from './sarif-validate.js';

type Log = ReturnType<typeof toSarif>;

test('sarif: the shared fixtures make a valid log', () => {
  const log = JSON.parse(sarif(results, plainOptions())) as Log;
  assert.deepEqual(validateSarif(log), []);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, SARIF_SCHEMA);
  assert.equal(log.runs.length, 1);
});

test('sarif: an empty run is valid too (code scanning then closes old alerts)', () => {
  const log = JSON.parse(sarif([], plainOptions())) as Log;
  assert.deepEqual(validateSarif(log), []);
  assert.deepEqual(log.runs[0]!.results, []);
  assert.deepEqual(log.runs[0]!.tool.driver.rules.map((r) => r.id), ['input-shape-mismatch', 'unused-binding']);
});

test('sarif: the driver names the tool and lists known rules, then every other id that occurs', () => {
  const { driver } = toSarif(results, plainOptions()).runs[0]!.tool;
  assert.deepEqual(Object.keys(driver), ['name', 'version', 'informationUri', 'rules']);
  assert.equal(driver.name, 'shapegrad');
  assert.equal(driver.version, '0.1.0');
  assert.deepEqual(
    driver.rules.map((r) => [r.id, r.defaultConfiguration.level, r.helpUri]),
    [
      ['input-shape-mismatch', 'error', 'https://github.com/shapegrad/shapegrad/blob/main/docs/rules/input-shape-mismatch.md'],
      ['unused-binding', 'warning', 'https://github.com/shapegrad/shapegrad/blob/main/docs/rules/unused-binding.md'],
      ['shape-mismatch', 'error', 'https://github.com/shapegrad/shapegrad/blob/main/docs/reporters.md'],
      ['parse-error', 'error', 'https://github.com/shapegrad/shapegrad/blob/main/docs/reporters.md'],
    ],
  );
  assert.equal(driver.rules[1]!.shortDescription.text, 'A binding is declared and never used.');
  assert.match(driver.rules[1]!.help.text, /A binding is declared and never used\.\nSee https:/);
});

test('sarif: results point at their rule by id and index, with level, text and a relative location', () => {
  const run = toSarif(results, plainOptions({ informationUri: 'https://example.org/sg/' })).runs[0]!;
  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region]),
    [
      ['shape-mismatch', 2, 'error', 'examples/mlp.grad', { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 }],
      ['unused-binding', 1, 'warning', 'examples/mlp.grad', { startLine: 4, startColumn: 1, endLine: 4, endColumn: 2 }],
      ['input-shape-mismatch', 0, 'warning', 'models/my%20model.ts', { startLine: 12, startColumn: 3, endLine: 12, endColumn: 31 }],
      ['parse-error', 3, 'error', 'examples/tab.grad', { startLine: 1, startColumn: 13, endLine: 1, endColumn: 13 }],
    ],
  );
  assert.equal(run.tool.driver.informationUri, 'https://example.org/sg');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.results[0]!.message.text, "cannot multiply W:[m×n] by x:[m×1]\ninner dimensions n and m differ\nW * x needs the columns of W (n) to equal the rows of x (m)\nfix: W' * x  [n×1]");
  assert.deepEqual(run.results[0]!.relatedLocations, [
    {
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'examples/mlp.grad', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 6 } },
      message: { text: 'W is declared here' },
    },
  ]);
  assert.equal(run.results[2]!.level, 'warning'); // the diagnostic's own severity, not the rule's default
});

test('sarif: info is a note; absolute paths become relative', () => {
  const log = toSarif([{ filePath: '/repo/a/b.grad', diagnostics: [{ severity: 'info', message: 'm = 3', ruleId: 'inferred', span: { start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 } }] }], plainOptions());
  assert.deepEqual(validateSarif(log), []);
  assert.equal(log.runs[0]!.results[0]!.level, 'note');
  assert.equal(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'a/b.grad');
});

test('sarif validator: catches what code scanning would reject', () => {
  const good = toSarif(results, plainOptions());
  const broken = JSON.parse(JSON.stringify(good)) as Log & { runs: { results: Record<string, unknown>[] }[] };
  const r0 = broken.runs[0]!.results[0]! as unknown as Log['runs'][number]['results'][number];
  r0.locations[0]!.physicalLocation.artifactLocation.uri = 'file:///abs/x.grad';
  r0.locations[0]!.physicalLocation.region.startLine = 0;
  r0.ruleIndex = 0;
  (r0 as { level: string }).level = 'fatal';
  (broken as { version: string }).version = '2.0.0';
  assert.deepEqual(validateSarif(broken), [
    'version: expected "2.1.0", got "2.0.0"',
    'runs[0].results[0].ruleIndex: does not point at shape-mismatch',
    'runs[0].results[0].level: fatal',
    'runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: not relative: file:///abs/x.grad',
    'runs[0].results[0].locations[0].region.startLine: 0',
  ]);
});
