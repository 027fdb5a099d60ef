// The VS Code tasks as their user meets them: run each task's real command (the built CLI, in
// the repository, without colour) and read its output with the task's own problem matcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

interface Task {
  label: string;
  command: string;
  args: string[];
  problemMatcher: { owner: string; fileLocation: string[]; pattern: Record<string, number | string> };
}
const tasks = (JSON.parse(readFileSync(`${root}.vscode/tasks.json`, 'utf8')) as { tasks: Task[] }).tasks;

function runTask(label: string, args?: string[]) {
  const task = tasks.find((t) => t.label === label);
  assert.ok(task, `no task '${label}'`);
  assert.equal(task.command, 'npx');
  assert.equal(task.args[0], 'shapegrad');
  // `npx shapegrad` resolves to the package's bin, which is the built CLI.
  const r = spawnSync(process.execPath, [cli, ...(args ?? task.args.slice(1))], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  const p = task.problemMatcher.pattern;
  const re = new RegExp(String(p.regexp));
  const problems = r.stdout.split('\n').filter((l) => l.trim()).map((line) => {
    const m = re.exec(line);
    assert.ok(m, `the problem matcher of '${label}' does not read: ${line}`);
    return { file: m[p.file as number], line: Number(m[p.line as number]), column: Number(m[p.column as number]), severity: m[p.severity as number], message: m[p.message as number], code: m[p.code as number] };
  });
  return { code: r.status, problems, stderr: r.stderr };
}

test('"shapegrad: lint models" — the matcher reads every finding of the real CLI on the examples', () => {
  const r = runTask('shapegrad: lint models', ['lint', 'examples', '--format', 'compact']);
  assert.equal(r.code, 1, r.stderr);
  const seed = r.problems.filter((p) => p.file === 'examples/seed_keras.py');
  assert.deepEqual(seed.map((p) => [p.line, p.column, p.severity, p.code]), [
    [10, 11, 'error', 'input-shape-mismatch'],
    [15, 23, 'warning', 'gradient-of-non-scalar'],
    [19, 5, 'warning', 'discarded-update'],
  ]);
  assert.match(seed[0]!.message, /^fit: the model takes 100 features per sample, but `xs` has 10/);
  // Correct examples give nothing.
  for (const f of ['examples/mnist_cnn.ts', 'examples/functional.ts', 'examples/model.json', 'examples/mnist_keras.py']) {
    assert.equal(r.problems.filter((p) => p.file === f).length, 0, f);
  }
});

test('"shapegrad: check derivations" — the matcher reads the real check of the examples', () => {
  const r = runTask('shapegrad: check derivations');
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.problems.length >= 10, `only ${r.problems.length} problems`);
  // Every problem is in the file of mistakes, at a claim line, with a check code.
  for (const p of r.problems) {
    assert.equal(p.file, 'examples/mistakes.grad');
    assert.equal(p.severity, 'error');
    assert.match(p.code!, /^(shape-mismatch|wrong-shape|wrong-value)$/);
  }
  const first = r.problems[0]!;
  assert.deepEqual([first.line, first.column, first.code], [21, 10, 'shape-mismatch']);
  assert.match(first.message, /^the product of \[k×1\] and \[m×1\] does not fit/);
});
