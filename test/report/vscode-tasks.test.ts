// The problem matchers in .vscode/tasks.json must read what the compact reporter writes: run
// their regexps over compact output and check every field VS Code takes from the groups.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compact } from '../../src/report/compact.js';
import { stylish } from '../../src/report/stylish.js';
import type { FileResult } from '../../src/report/types.js';
import { plainOptions, results, span } from './fixtures.js';

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  message: number;
  code: number;
}
interface Task {
  label: string;
  command: string;
  args: string[];
  options: { cwd: string; env: Record<string, string> };
  problemMatcher: { owner: string; fileLocation: string[]; pattern: Pattern };
}

// Compiled tests run from dist/test/report; the file lives at the repository root.
const tasksPath = fileURLToPath(new URL('../../../.vscode/tasks.json', import.meta.url));
// Kept comment-free so that JSON.parse reads it as VS Code does.
const tasks = (JSON.parse(readFileSync(tasksPath, 'utf8')) as { tasks: Task[] }).tasks;

const sample: FileResult[] = [
  ...results,
  {
    filePath: 'my models/deep net: v2/model.json',
    diagnostics: [
      { severity: 'info', message: 'dim m: inferred as 3 [from data]', ruleId: 'inferred-dim', span: span(1, 1, 1, 2) },
      { severity: 'error', message: 'conv2d: kernel [3×3×16] does not fit\ninput [28×28×1]', ruleId: 'layer-config', span: span(120, 17, 120, 30) },
    ],
  },
];

const expected = [
  { file: 'examples/mlp.grad', line: 3, column: 5, severity: 'error', message: 'cannot multiply W:[m×n] by x:[m×1] inner dimensions n and m differ', code: 'shape-mismatch' },
  { file: 'examples/mlp.grad', line: 4, column: 1, severity: 'warning', message: 'z is never used', code: 'unused-binding' },
  { file: 'models/my model.ts', line: 12, column: 3, severity: 'warning', message: 'dense expects input [?×784], got [?×28×28]', code: 'input-shape-mismatch' },
  { file: 'examples/tab.grad', line: 1, column: 13, severity: 'error', message: "expected ')'", code: 'parse-error' },
  { file: 'my models/deep net: v2/model.json', line: 1, column: 1, severity: 'info', message: 'dim m: inferred as 3 [from data]', code: 'inferred-dim' },
  { file: 'my models/deep net: v2/model.json', line: 120, column: 17, severity: 'error', message: 'conv2d: kernel [3×3×16] does not fit input [28×28×1]', code: 'layer-config' },
];

test('tasks.json has both shapegrad tasks', () => {
  assert.deepEqual(tasks.map((t) => t.label), ['shapegrad: check derivations', 'shapegrad: lint models']);
});

for (const task of tasks) {
  test(`${task.label}: runs shapegrad with compact output and colour off`, () => {
    assert.equal(task.command, 'npx');
    assert.equal(task.args[0], 'shapegrad');
    assert.deepEqual(task.args.slice(-2), ['--format', 'compact']);
    assert.equal(task.options.env['NO_COLOR'], '1');
    assert.equal(task.options.cwd, '${workspaceFolder}');
    assert.equal(task.problemMatcher.owner, 'shapegrad');
    assert.deepEqual(task.problemMatcher.fileLocation, ['relative', '${workspaceFolder}']);
  });

  test(`${task.label}: the problem matcher reads every compact line right`, () => {
    const p = task.problemMatcher.pattern;
    const re = new RegExp(p.regexp);
    const lines = compact(sample, plainOptions()).split('\n');
    const problems = lines.map((line) => {
      const m = re.exec(line);
      assert.ok(m, `no match: ${line}`);
      return { file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity], message: m[p.message], code: m[p.code] };
    });
    assert.deepEqual(problems, expected);
  });

  test(`${task.label}: the problem matcher ignores stylish output and summaries`, () => {
    const re = new RegExp(task.problemMatcher.pattern.regexp);
    const stray = stylish(sample, plainOptions()).split('\n').filter((line) => re.test(line));
    assert.deepEqual(stray, []);
  });
}
