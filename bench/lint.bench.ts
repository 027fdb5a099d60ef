// `npm run bench lint`: lint a generated corpus of 1,000 TypeScript model files (a few hundred
// lines each) and compare with `tsc --noEmit` (node_modules/.bin/tsc: the native TypeScript 7)
// over the same files, in the same run. Like for like: `shapegrad lint` as a fresh process, as
// tsc is run, their runs alternating. Also: the same command with TypeScript's parser for every
// file instead of the subset parser (frontend/subset/), the library API in a process that has
// linted before (an editor, a watcher), the whole parse without focusing (frontend/focus.ts), the
// JavaScript compiler for context, and a second corpus of files that are all model code.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import { lint, lintSource } from '../src/lint/index.js';
import { medianMs, table } from './util.js';

const FILES = 1000;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One model file: constants, a builder, training code, and plain helpers (most real files are mostly helpers). */
export function modelFile(i: number): string {
  const features = 8 + (i % 50);
  const classes = 2 + (i % 9);
  const hidden = 16 * (1 + (i % 4));
  const wrong = i % 10 === 0; // one file in ten has a shape mistake
  const lines: string[] = [
    `// Generated model file ${i}.`,
    `import * as tf from '@tensorflow/tfjs';`,
    '',
    `export const FEATURES_${i} = ${features};`,
    `const CLASSES = ${classes};`,
    `const HIDDEN = [${hidden}, ${hidden / 2}];`,
    '',
    `export function buildModel${i}(inputDim: number, classes: number): tf.Sequential {`,
    '  const model = tf.sequential();',
    `  model.add(tf.layers.dense({ units: HIDDEN[0], inputShape: [inputDim], activation: 'relu' }));`,
    `  model.add(tf.layers.dropout({ rate: 0.${1 + (i % 5)} }));`,
    `  model.add(tf.layers.dense({ units: HIDDEN[1], activation: 'relu' }));`,
    `  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));`,
    `  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });`,
    '  return model;',
    '}',
    '',
    `export function buildConv${i}(): tf.LayersModel {`,
    `  const input = tf.input({ shape: [${16 + (i % 17)}, ${16 + (i % 17)}, 3] });`,
    `  let x = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;`,
    `  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;`,
    `  x = tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }).apply(x) as tf.SymbolicTensor;`,
    `  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;`,
    `  const out = tf.layers.dense({ units: CLASSES, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;`,
    '  return tf.model({ inputs: input, outputs: out });',
    '}',
    '',
    `export async function train${i}(): Promise<number> {`,
    `  const model = buildModel${i}(FEATURES_${i}, CLASSES);`,
    `  const xs = tf.randomNormal([256, ${wrong ? features + 1 : features}]);`,
    `  const ys = tf.oneHot(tf.zeros([256], 'int32') as tf.Tensor1D, CLASSES);`,
    '  const history = await model.fit(xs, ys, { epochs: 3, batchSize: 32, validationSplit: 0.1 });',
    `  const w = tf.randomNormal([${features}, ${hidden}]);`,
    `  const h = tf.matMul(xs, w);`,
    '  h.dispose();',
    '  const losses = history.history.loss as number[];',
    '  return losses[losses.length - 1] ?? 0;',
    '}',
    '',
  ];
  // Helpers: data preparation and metrics, the bulk of a typical file.
  for (let k = 0; k < 14; k++) {
    lines.push(
      `/** Helper ${k}: min-max scaling of column ${k}. */`,
      `export function scale${k}(values: number[][], column = ${k % 5}): number[][] {`,
      '  let min = Number.POSITIVE_INFINITY;',
      '  let max = Number.NEGATIVE_INFINITY;',
      '  for (const row of values) {',
      '    const v = row[column] ?? 0;',
      '    if (v < min) min = v;',
      '    if (v > max) max = v;',
      '  }',
      '  const span = max - min || 1;',
      '  return values.map((row) => row.map((v, j) => (j === column ? (v - min) / span : v)));',
      '}',
      '',
      `export function accuracy${k}(predicted: number[], actual: number[]): number {`,
      '  let hits = 0;',
      '  for (let j = 0; j < predicted.length; j++) if (predicted[j] === actual[j]) hits++;',
      '  return predicted.length === 0 ? 0 : hits / predicted.length;',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

/**
 * A file that is all model code, the case where focusing saves nothing: the imports, constants and
 * model functions of modelFile(i), six times over (renamed), about 200 lines.
 */
export function modelOnlyFile(i: number): string {
  const text = modelFile(i);
  const start = text.indexOf(`export function buildModel${i}(`);
  const models = text.slice(start, text.indexOf('/** Helper 0'));
  let out = text.slice(0, start);
  for (let k = 0; k < 6; k++) out += models.replace(/\b(buildModel|buildConv|train)(\d+)\b/g, `$1$2_${k}`);
  return out;
}

function writeCorpus(dir: string, file: (i: number) => string = modelFile): { paths: string[]; lines: number } {
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  const paths: string[] = [];
  let lines = 0;
  for (let i = 0; i < FILES; i++) {
    const text = file(i);
    lines += text.split('\n').length;
    const p = join(src, `model_${String(i).padStart(4, '0')}.ts`);
    writeFileSync(p, text);
    paths.push(p);
  }
  // tsc resolves @tensorflow/tfjs from this repository, so it type-checks against the real typings.
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true,
      types: [], baseUrl: '.', paths: { '@tensorflow/tfjs': [join(repoRoot, 'node_modules/@tensorflow/tfjs')] },
    },
    include: ['src/**/*.ts'],
  }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return { paths, lines };
}

interface Measure {
  wallMs: number;
  cpuMs: number;
}

/** CPU time used so far by this process (all threads) and its waited-for children (Linux /proc). */
function cpuMs(): number {
  const self = process.cpuUsage();
  let children = Number.NaN;
  try {
    // /proc/self/stat fields 16 and 17: cutime and cstime in clock ticks (100 per second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    /* not Linux: children's CPU unknown */
  }
  return (self.user + self.system) / 1000 + children;
}

/**
 * Time several commands in rounds (one of each per round, after a warm-up round), so that a change
 * in the machine's load falls on all of them alike: the median wall and mean CPU time of each.
 */
function interleaved(commands: (() => void)[], rounds: number): Measure[] {
  const wall: number[][] = commands.map(() => []);
  const cpu = commands.map(() => 0);
  for (let r = -1; r < rounds; r++) {
    commands.forEach((run, i) => {
      const c0 = cpuMs();
      const t0 = performance.now();
      run();
      if (r < 0) return;
      wall[i]!.push(performance.now() - t0);
      cpu[i]! += cpuMs() - c0;
    });
  }
  return commands.map((_, i) => ({ wallMs: wall[i]!.sort((a, b) => a - b)[Math.floor(rounds / 2)]!, cpuMs: cpu[i]! / rounds }));
}

/** Run a timing function, also measuring the average CPU time of each counted call. */
function measured(timing: (counted: (fn: () => void) => void) => number): Measure {
  let calls = 0;
  let cpu = 0;
  const wallMs = timing((fn) => {
    const c0 = cpuMs();
    fn();
    cpu += cpuMs() - c0;
    calls++;
  });
  return { wallMs, cpuMs: cpu / Math.max(calls, 1) };
}

function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-lint-bench-'));
  try {
    const { paths, lines } = writeCorpus(dir);
    const texts = paths.map((p) => [p.slice(dir.length + 1), readFileSync(p, 'utf8')] as const);

    // Wall time is what a user waits for; CPU time (this process with its worker threads, or the
    // tsc child) is what the work costs, and stays meaningful on a machine shared with other jobs.
    let findings = 0;
    const inMemory = measured((counted) => medianMs(() => counted(() => {
      findings = 0;
      for (const [rel, text] of texts) findings += lintSource(rel, text, { cwd: dir }).diagnostics.length;
    }), 3));
    let wholeFindings = 0;
    const whole = measured((counted) => medianMs(() => counted(() => {
      wholeFindings = 0;
      for (const [rel, text] of texts) wholeFindings += lintSource(rel, text, { cwd: dir, focus: false }).diagnostics.length;
    }), 3));
    if (wholeFindings !== findings) throw new Error(`focused and whole parses disagree: ${findings} vs ${wholeFindings} findings`);

    // The command line as a user (or CI) runs it: a fresh process, start-up included. Its runs
    // alternate with tsc's (below), five rounds.
    const cli = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
    const cliRun = (env: Record<string, string>, cwd = dir) => () => {
      try {
        execFileSync(process.execPath, [cli, 'lint', 'src', '--format', 'compact'], { cwd, stdio: 'pipe', env: { ...process.env, SHAPEGRAD_LINT_WORKERS: '0', ...env } });
      } catch (e) {
        if ((e as { status?: number }).status !== 1) throw e; // 1: findings, as expected
      }
    };
    const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
    const tscRunIn = (cwd: string) => () => {
      try {
        execFileSync(tsc, ['--noEmit', '-p', join(cwd, 'tsconfig.json')], { stdio: 'pipe' });
      } catch {
        /* type errors do not matter here, only the time */
      }
    };

    // End to end: walking, reading, linting (the async API), median of 3 — in-process, and with
    // worker threads helping the main thread (each loads the TypeScript parser first: included).
    const endToEnd = async (workers: number): Promise<Measure> => {
      const saved = process.env['SHAPEGRAD_LINT_WORKERS'];
      process.env['SHAPEGRAD_LINT_WORKERS'] = String(workers);
      const times: number[] = [];
      const cpu0 = cpuMs();
      try {
        for (let k = 0; k < 3; k++) {
          const t0 = performance.now();
          await lint(['src'], { cwd: dir });
          times.push(performance.now() - t0);
        }
      } finally {
        if (saved === undefined) delete process.env['SHAPEGRAD_LINT_WORKERS'];
        else process.env['SHAPEGRAD_LINT_WORKERS'] = saved;
      }
      return { wallMs: times.sort((a, b) => a - b)[1]!, cpuMs: (cpuMs() - cpu0) / 3 };
    };
    const inProcess = await endToEnd(0);
    const cores = availableParallelism();
    const pooled = cores > 1 ? await endToEnd(cores - 1) : undefined;
    const commands = [cliRun({}), cliRun({ SHAPEGRAD_PARSER: 'typescript' }), tscRunIn(dir)];
    if (cores > 1) commands.push(cliRun({ SHAPEGRAD_LINT_WORKERS: String(cores - 1) }));
    const [cliSingle, cliTypeScript, tscRun, cliPooled] = interleaved(commands, 5) as [Measure, Measure, Measure, Measure | undefined];

    // The other extreme: files that are all model code (nothing to skip), in their own directory.
    const modelOnlyDir = join(dir, 'model-only');
    const modelOnly = writeCorpus(modelOnlyDir, modelOnlyFile);
    const [cliModelOnly, tscModelOnly] = interleaved([cliRun({}, modelOnlyDir), tscRunIn(modelOnlyDir)], 3) as [Measure, Measure];

    // For context: the JavaScript TypeScript compiler (6.0, bundled with ts-morph) type-checking the
    // same files in this process — what `tsc --noEmit` cost before the native TypeScript 7.
    const jsTsc = measured((counted) => timeOnce(() => counted(() => {
      const program = ts.createProgram(paths, {
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true, skipLibCheck: true, noEmit: true, types: [], baseUrl: dir,
        paths: { '@tensorflow/tfjs': [join(repoRoot, 'node_modules/@tensorflow/tfjs')] },
      });
      ts.getPreEmitDiagnostics(program);
    })));

    const perSecond = (ms: number) => (FILES / ms) * 1000;
    const ratio = (ours: number, theirs: number) => (Number.isFinite(ours) && Number.isFinite(theirs) ? `${(theirs / ours).toFixed(2)}×` : 'n/a');
    const row = (name: string, m: Measure) => [name, m.wallMs, perSecond(m.wallMs), m.cpuMs, ratio(m.wallMs, tscRun.wallMs), ratio(m.cpuMs, tscRun.cpuMs)];
    console.log(`corpus: ${FILES} TypeScript files, ${lines} lines (${Math.round(lines / FILES)} per file), ${findings} findings; ${cores} cores, load average ${loadavg()[0]!.toFixed(1)}\n`);
    const rows: (string | number)[][] = [row('shapegrad lint, fresh process', cliSingle), row("  the same, TypeScript's parser for every file", cliTypeScript)];
    if (cliPooled) rows.push(row(`shapegrad lint, fresh process, main + ${cores - 1} worker`, cliPooled));
    rows.push(row('shapegrad lint(), warm process', inProcess));
    if (pooled) rows.push(row(`shapegrad lint(), warm process, main + ${cores - 1} worker`, pooled));
    rows.push(row('shapegrad lintSource, in memory', inMemory));
    rows.push(row('  the same, every body parsed (no focus)', whole));
    rows.push(row('tsc --noEmit (TypeScript 7, native)', tscRun));
    rows.push(row(`TypeScript ${ts.version} (JS) type check`, jsTsc));
    console.log(table(['run', 'wall ms', 'files/s', 'CPU ms', 'wall: tsc/this', 'CPU: tsc/this'], rows));
    const lastRow = (name: string, m: Measure, base: Measure) => [name, m.wallMs, perSecond(m.wallMs), m.cpuMs, ratio(m.wallMs, base.wallMs), ratio(m.cpuMs, base.cpuMs)];
    console.log(`\nfiles of model code only (no helpers: nothing to skip): ${FILES} files, ${Math.round(modelOnly.lines / FILES)} lines each\n`);
    console.log(table(['run', 'wall ms', 'files/s', 'CPU ms', 'wall: tsc/this', 'CPU: tsc/this'], [
      lastRow('shapegrad lint, fresh process', cliModelOnly, tscModelOnly),
      lastRow('tsc --noEmit (TypeScript 7, native)', tscModelOnly, tscModelOnly),
    ]));
    console.log('\n(ratios > 1 mean faster than tsc --noEmit; CPU includes worker threads and the tsc child process)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
