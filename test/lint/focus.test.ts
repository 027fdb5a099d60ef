// The focused parse (frontend/focus.ts) skips the bodies of top-level functions that cannot touch
// a model. These tests hold it to its contract: the same findings as parsing everything, on every
// TypeScript/JavaScript example and on files padded with helpers; bodies blanked only when they
// are irrelevant; the whole file parsed on any lexical surprise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { FOCUS_MIN_CHARS, focusText } from '../../src/lint/frontend/focus.js';
import { lintSource } from '../../src/lint/index.js';

const examples = join(process.cwd(), 'examples');

/** Plain helpers, the bulk of real model files: none mentions the model API. */
function helpers(count: number, tag = 'h'): string {
  let out = '';
  for (let k = 0; k < count; k++) {
    out += `
export function ${tag}Scale${k}(values: number[][], column = ${k}): number[][] {
  let lo = Number.POSITIVE_INFINITY, hi = Number.NEGATIVE_INFINITY;
  for (const row of values) { const v = row[column] ?? 0; if (v < lo) lo = v; if (v > hi) hi = v; }
  const label = \`column \${column}: {\${lo}, \${hi}}\`; // braces inside a template
  const re = /[{}(]+/g; // and inside a regular expression
  return values.map((row) => row.map((v, j) => (j === column ? (v - lo) / (hi - lo || 1) : v + label.length * 0)));
}
`;
  }
  return out;
}

/** Top-level functions, classes and function-valued consts of a parse, by name, with their text. */
function declarations(text: string): Map<string, string> {
  const sf = ts.createSourceFile('f.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  assert.equal((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0, 'the text parses');
  const out = new Map<string, string>();
  for (const s of sf.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) out.set(s.name.text, s.getText(sf));
    else if (ts.isVariableStatement(s)) {
      const d = s.declarationList.declarations[0]!;
      const init = d.initializer;
      if (init && ts.isIdentifier(d.name) && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.set(d.name.text, s.getText(sf));
    }
  }
  return out;
}

/** Which top-level declarations of `text` are still there, untouched, after focusing. */
function keptBodies(text: string): Map<string, boolean> {
  const focused = focusText(text, 'ts');
  assert.equal(focused.length, text.length, 'focusing keeps every offset');
  const after = declarations(focused);
  return new Map([...declarations(text)].map(([name, src]) => [name, after.get(name) === src]));
}

test('irrelevant declarations are blanked; the model API, and what it calls, transitively, are kept', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
function depth(): number { return 2; }
function inputDim(): number { return 28 * 28 * depth(); }
function unused(): number { return 7; }
export function build(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 10, inputShape: [inputDim()] }));
  return m;
}
const fmt = (x: number): string => { return x.toFixed(2); };
const used = (x: number) => { return x + 1; };
const value = used(3);
const iife = (() => { return 5; })();
// Mentions the model API only in a comment: the interpreter enters it, so it is kept.
function noted(a: number): number { /* model */ return a; }
function typed(): { a: number } { return { a: 1 }; }
class Cache { private items = new Map<string, number>(); get(k: string) { return this.items.get(k); } }
${helpers(40)}`;
  assert.ok(text.length > FOCUS_MIN_CHARS);
  const kept = keptBodies(text);
  assert.deepEqual(
    ['depth', 'inputDim', 'unused', 'build', 'fmt', 'used', 'noted', 'typed', 'Cache', 'hScale0', 'hScale39'].map((n) => [n, kept.get(n)]),
    [['depth', true], ['inputDim', true], ['unused', false], ['build', true], ['fmt', false], ['used', true], ['noted', true],
      ['typed', false], ['Cache', false], ['hScale0', false], ['hScale39', false]],
  );
  // The IIFE is not a declaration of a function: left whole.
  assert.ok(focusText(text, 'ts').includes('(() => { return 5; })()'));
});

test('small files, JSX and lexical surprises are parsed whole', () => {
  const big = helpers(40);
  assert.equal(focusText(helpers(1), 'ts'), helpers(1), 'small file');
  assert.notEqual(focusText(big, 'ts'), big, 'a big file of helpers is focused');
  assert.equal(focusText(big, 'jsx'), big, '.tsx/.jsx');
  const jsx = `${big}\nexport function App() { return <div className="x">{1}</div>; }\n`;
  assert.equal(focusText(jsx, 'js'), jsx, 'JSX in a .js file');
  for (const broken of [`${big}\nconst s = 'unterminated;\n`, `${big}\nfunction f() {\n`, `${big}\n}\n`, `${big}\nconst t = \`\${1\n`]) {
    assert.equal(focusText(broken, 'ts'), broken);
  }
});

function sameFindings(name: string, text: string): void {
  const focused = lintSource(name, text, { cwd: tmpdir() }).diagnostics;
  const whole = lintSource(name, text, { cwd: tmpdir(), focus: false }).diagnostics;
  assert.deepEqual(focused, whole, name);
}

test('every TypeScript/JavaScript example gives the same findings focused and whole, padded with helpers', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(ts|js|mjs)$/.test(e.name)) files.push(join(dir, e.name));
    }
  };
  walk(examples);
  assert.ok(files.length >= 8, `examples found: ${files.length}`);
  let findings = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    // Helpers after the imports, in the middle (at a blank line) and at the end.
    const lines = src.split('\n');
    const afterImports = lines.findIndex((l, i) => i > 0 && !/^\s*(import|\/\/|$)/.test(l) && /^\s*(import|\/\/|$)/.test(lines[i - 1]!));
    const mid = lines.indexOf('', Math.floor(lines.length / 2));
    const at = (i: number) => (i < 0 ? lines.length : i);
    const padded = [...lines.slice(0, at(afterImports)), helpers(15, 'a'), ...lines.slice(at(afterImports), at(mid)), helpers(15, 'b'), ...lines.slice(at(mid)), helpers(15, 'c')].join('\n');
    assert.ok(padded.length > FOCUS_MIN_CHARS);
    sameFindings(f, padded);
    // The helpers add nothing and hide nothing: the same rules fire as on the file itself.
    const ids = (text: string) => lintSource(f, text, { cwd: tmpdir() }).diagnostics.map((d) => d.ruleId);
    assert.deepEqual(ids(padded), ids(src), f);
    findings += ids(padded).length;
  }
  assert.ok(findings >= 8, `the examples have findings to compare: ${findings}`);
});

test('syntax errors: the same parse-error where the lint reads code; blanked bodies are not syntax-checked', () => {
  const model = `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n`;
  for (const bad of ['const x = ;', 'model.add(tf.layers.dense({ units: 1 ));', 'function build() { const m = tf.sequential(; }', 'export function helper( { return 1; }']) {
    const text = `${model}${helpers(20)}\n${bad}\n${helpers(20, 'z')}`;
    const r = lintSource('bad.ts', text, { cwd: tmpdir() }).diagnostics;
    assert.deepEqual(r.map((d) => d.ruleId), ['parse-error'], bad);
    sameFindings('bad.ts', text);
  }
  // Inside a helper that cannot touch a model: only the whole parse sees it (docs/lint.md says so).
  const hidden = `${model}${helpers(20)}\nfunction helper(): number { return 1 + ; }\n`;
  assert.deepEqual(lintSource('h.ts', hidden, { cwd: tmpdir() }).diagnostics.map((d) => d.ruleId), []);
  assert.deepEqual(lintSource('h.ts', hidden, { cwd: tmpdir(), focus: false }).diagnostics.map((d) => d.ruleId), ['parse-error']);
});

test('suppressions inside a blanked helper still count as unused', () => {
  const text = `import * as tf from '@tensorflow/tfjs';\n${helpers(30)}\nfunction quiet(): number {\n  // shapegrad-disable-next-line input-shape-mismatch\n  return 1;\n}\n`;
  sameFindings('s.ts', text);
  assert.deepEqual(lintSource('s.ts', text, { cwd: tmpdir() }).diagnostics.map((d) => d.ruleId), ['unused-suppression']);
});

const TF = `import * as tf from '@tensorflow/tfjs';\n`;
/** A model that takes 4 features, fed 5: a finding exactly when `size` is known to be 4. */
const modelOf = (size: string) =>
  `const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [${size}] }));\nmodel.predict(tf.zeros([2, 5]));\n`;
/** A model built by a function and awaited at the top level (no import: `tf` is a global). */
const awaited = `function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 3, inputShape: [4] }));\n  return m;\n}\nconst model = await (build());\nmodel.predict(tf.zeros([2, 5]));\n`;
/** Helpers without types, for JavaScript. */
const jsHelpers = (count: number) => helpers(count).replace(/: number\[\]\[\]|: number\[\]|: number|: string/g, '');

test('regressions: each of these gave different findings focused and whole', () => {
  // `whole`: now the tokenizer gives up on it, and the file is parsed whole.
  const cases: { what: string; name: string; text: string; ids: string[]; whole?: boolean }[] = [
    {
      what: 'a statement right after a blanked helper starts inside it (span and label of the finding)',
      name: 'after.ts',
      text: `${TF}const w = tf.variable(tf.zeros([3]));\n${helpers(30)}function helper(): number { return 1; }\nw.sub(tf.ones([3]));\n`,
      ids: ['discarded-update'],
    },
    {
      what: "a suppression after a blanked helper with a template: the lookup read the helper's `${…}` as code",
      name: 'suppressed.ts',
      text: `${TF}${helpers(30)}${modelOf('4').replace('model.predict', 'function helper(a: number): string { return `${a}`; }\n// shapegrad-disable-next-line\nmodel.predict')}`,
      ids: [],
    },
    {
      what: "a kept function's source began in the blank before it, comments included: it was entered as a builder",
      name: 'source.ts',
      text: `${TF}const handlers = [later];\n${helpers(30)}function helper(): number { return 1; }\n// trains the model\nfunction later() { predictAll(4); }\n` +
        `function predictAll(n: number) {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 3, inputShape: [n] }));\n  m.predict(tf.zeros([2, 5]));\n}\n`,
      ids: [],
    },
    {
      what: 'a suppression inside a blanked helper, after a template: not found, so not reported unused',
      name: 'inside.ts',
      text: `${TF}${helpers(30)}function helper(a: number): string {\n  const s = \`\${a}\`;\n  // shapegrad-disable-next-line\n  return s;\n}\n`,
      ids: ['unused-suppression'],
    },
    {
      what: "a statement without `;` before a blanked helper took the blank's `;` as its own (span and label of the finding)",
      name: 'rebind.js',
      text: `const tf = require('@tensorflow/tfjs')\n${jsHelpers(30)}const W = tf.variable(tf.zeros([3]))\nfor (const w of [W]) w = w - 1\nfunction helper() { return 1 }\n`,
      ids: ['discarded-update'],
    },
    {
      what: 'blanking the only `export` made the module a script: `await (build())` became a call of `await`',
      name: 'module.ts',
      text: `${helpers(30).replace(/export /g, '')}export function helper(): number { return 1; }\n${awaited}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: 'the same with `import.meta` in a helper',
      name: 'meta.mjs',
      text: `${jsHelpers(30).replace(/export /g, '')}function here() { return import.meta.url; }\n${awaited}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: 'a type predicate `x is { … }`: its braces were read as the body, the body became top-level code (a `return`)',
      name: 'predicate.ts',
      text: `${TF}${helpers(30)}function isConfig(x: unknown): x is { a: number } {\n  return typeof x === 'object';\n}\n${modelOf('4')}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: 'a name with a non-ASCII letter was read as another name (or none): blanked though called',
      name: 'unicode.ts',
      text: `${TF}${helpers(30)}function größe(): number { return 2; }\nfunction σ(): number { return 2; }\n${modelOf('größe() + σ()')}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: 'a name spelt with a unicode escape',
      name: 'escape.ts',
      text: `${TF}${helpers(30)}function \\u0068idden(): number { return 4; }\n${modelOf('hidden()')}`,
      ids: ['input-shape-mismatch'],
      whole: true,
    },
    {
      what: 'a comment between `function` and the name: read as anonymous, blanked though called',
      name: 'comment.ts',
      text: `${TF}${helpers(30)}function /* the size */ hidden(): number { return 4; }\n${modelOf('hidden()')}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: 'an arrow with an expression body, then a block on the next line (ASI): the block was blanked with it',
      name: 'block.js',
      text: `const tf = require('@tensorflow/tfjs')\nlet n = 0\n${jsHelpers(30)}const f = (a) => g(a)\n{ n = 4 }\nfunction g(a) { return a }\n${modelOf('n')}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: 'a regular expression after a block: `/*` in it was read as a comment, hiding the call',
      name: 'regex.ts',
      text: `${TF}${helpers(30)}function hidden(): number { return 4; }\nlet s = 'a/';\nif (s) { s += '' }\n/\\/*$/.test(s);\nconst n = hidden();\n/* end */\n${modelOf('n')}`,
      ids: ['input-shape-mismatch'],
      whole: true,
    },
    {
      what: '`x.with(…) / 2, f() / 1`: `with` as a property was taken for a statement head, the divisions for a regex',
      name: 'with.ts',
      text: `${TF}${helpers(30)}function hidden(): number { return 4; }\nconst o = { with(a: number) { return a; } };\nconst n = [o.with(1) / 2, hidden() / 1][1];\n${modelOf('n')}`,
      ids: ['input-shape-mismatch'],
    },
    {
      what: '`of` as a name, then a division: read as a regex',
      name: 'of.js',
      text: `${TF}${jsHelpers(30)}function hidden() { return 1 }\nconst of = 8\nconst n = of / hidden() / 2\n${modelOf('n')}`,
      ids: ['input-shape-mismatch'],
      whole: true,
    },
  ];
  for (const c of cases) {
    assert.ok(c.text.length > FOCUS_MIN_CHARS, c.what);
    const focused = focusText(c.text, c.name.endsWith('.js') ? 'js' : 'ts');
    if (c.whole) assert.equal(focused, c.text, `${c.what}: parsed whole`);
    else assert.notEqual(focused, c.text, `${c.what}: something is blanked`);
    const whole = lintSource(c.name, c.text, { cwd: tmpdir(), focus: false }).diagnostics;
    assert.deepEqual(whole.map((d) => d.ruleId), c.ids, `${c.what}: the case means what it says`);
    assert.deepEqual(lintSource(c.name, c.text, { cwd: tmpdir() }).diagnostics, whole, c.what);
  }
});

test('function and class expressions, decorated classes and return types are never cut: the focused text parses', () => {
  const cases = [
    'module.exports = function build(): number { return 1; };',
    'exports.build = function (): number { return 1; };',
    'const Anon = class { m(): number { return 1; } };',
    'void function (): number { return 2; }();',
    'function dec(c: unknown): void { void c; }\n@dec\nclass Decorated { x = 1; }',
    'function pick<T>(x: T): T extends string ? { s: T } : { n: T } { return x as any; }',
    'function either(): { a: number } | { b: number } { return { a: 1 }; }',
    'function listed(): readonly { a: number }[] { return []; }',
  ];
  for (const c of cases) {
    const text = `${helpers(30)}\n${c}\n`;
    const focused = focusText(text, 'ts');
    assert.notEqual(focused, text, c);
    const sf = ts.createSourceFile('x.ts', focused, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    assert.deepEqual((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, [], c);
    // Kept, or blanked whole.
    const at = text.indexOf(c);
    const after = focused.slice(at, at + c.length);
    assert.ok(after === c || /^\/\*- *\*\/\{\}$/.test(after), `${c}: ${after}`);
  }
});

test('constants imported from a focused file are the same as from the whole file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-focus-'));
  try {
    // Over 8 KB, so it is focused when read for its constants; the size comes from a helper.
    writeFileSync(join(dir, 'config.ts'), `${helpers(30)}\nfunction größe(): number { return 4; }\nexport const SIZE = größe();\n`);
    const text = `import * as tf from '@tensorflow/tfjs';\nimport { SIZE } from './config.js';\n${modelOf('SIZE')}`;
    assert.deepEqual(lintSource('model.ts', text, { cwd: dir }).diagnostics.map((d) => d.ruleId), ['input-shape-mismatch']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file of model code only is not tokenized for focusing: no block could be skipped', () => {
  const block = (k: number) => `export function build${k}(n: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: n, inputShape: [${k + 1}] }));\n  // ${'padding '.repeat(30)}\n  return model;\n}\n`;
  const models = Array.from({ length: 40 }, (_, k) => block(k)).join('');
  assert.ok(models.length > FOCUS_MIN_CHARS);
  assert.equal(focusText(models, 'ts'), models);
  // One helper block among them, and focusing is worth it again.
  const mixed = models + helpers(1);
  assert.notEqual(focusText(mixed, 'ts'), mixed);
});
