// Random model files for the focus differential test (focus-fuzz.test.ts): over 8 KB, assembled
// from snippets of real TF.js code: findings that depend on values helpers compute, helpers of
// every declaration kind, references between them in every direction, and lexical traps for the
// tokenizer (regular expressions, templates in templates, ASI, CRLF, unicode names, JSX).
import { ts } from 'ts-morph';
import { FOCUS_MIN_CHARS } from '../../src/lint/frontend/focus.js';

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rand {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
}

interface Style {
  ts: boolean;
  /** Whether to use the traps that make the tokenizer give up (the file is then parsed whole). */
  surprises: boolean;
  /** No semicolons: JavaScript as many people write it (ASI). */
  asi: boolean;
  ext: string;
}

/** Statements that may appear inside any function body: lexical traps for the tokenizer. */
function bodyNoise(g: Rand, s: Style, other: string): string {
  const e = s.asi ? '' : ';';
  const sep = s.asi ? '\n  ' : '; ';
  const t = (x: string) => (s.ts ? x : '');
  const options = [
    `const re = /[{}(]+\\//g${e}`,
    `if (re.source) /[}{]/.test('x')${e}`,
    `const trimmed = 'a/'.replace(/\\/*$/, '')${e}`,
    `const quote = /"/.test('"')${e}`,
    `const tick = /\`/.test('x')${e}`,
    'const slash = /[/]/.source' + e,
    `const label = \`v \${1 + 1}: {\${\`\${'}'}\`}}\`${e}`,
    `const nested = \`a \${ { k: \`\${'{'}\` }.k } b\`${e}`,
    `const str = '{ \\' }' + "} \\" {" + '\\\\'${e}`,
    `// a comment with a brace { and a quote '`,
    `/* a block comment } with \` a backtick */`,
    `let ratio = 6 / 3 / 2${e}`,
    `let i = 0${sep}i++${sep}ratio = i++ / 2 / 1${e}`,
    `const obj = { if: 1, class: 2, new: 3, function: 4 }${sep}ratio = obj.new / 2 + obj.if / 1${e}`,
    `const big = 1e-5 + 0x1F + .5 + 1_000 + 3.14e+2${e}`,
    `for (const k of [1, 2]) { if (k) continue }`,
    `const arrow = (x${t(': number')}) => ({ x })${e}`,
    `const gen = <${s.ts ? 'T,' : ''}>() => 1`.replace('<>', '') + e,
    `void ${other}${e}`,
    `const refs = [${other}]${e}`,
    `const cb = () => ${other}${e}`,
    `const here = import.meta.url${e}`,
    `const lazy = import('./none.js')${e}`,
  ];
  return g.pick(options);
}

/** Top-level statements that trap the tokenizer or the declaration finder. */
function topNoise(g: Rand, s: Style, id: number, helper: string): string {
  const e = s.asi ? '' : ';';
  const t = (x: string) => (s.ts ? x : '');
  const options = [
    `{ flag${id} = 2 }`,
    `outer${id}: for (const a of [1]) { if (a) break outer${id} }`,
    `const tpl${id} = \`\${ \`\${'}'}\` } {\`${e}`,
    `;(function iife${id}() { return 1 })()${e}`,
    `void function () { return 2 }()${e}`,
    `const anon${id} = class { m() { return 1 } }${e}`,
    `const wo${id} = { with(a${t(': number')}) { return a } }${e}\nconst q${id} = [wo${id}.with(1) / 2, 3 / 1][1]${e}`,
    `const obj${id} = { class: 1 }${e}\nconst c${id} = obj${id}.class${e}`,
    `const fe${id} = function () { return 1 }\n;[1, 2].forEach((x) => x)${e}`,
    `const ar${id} = () => { return 1 }\n;(ar${id})()${e}`,
    `const ex${id} = (a${t(': number')}) => a + 1${e}`,
    `flagx${id} = 0\nflagx${id}++${e}`,
    `export { ${helper} as alias${id} }${e}`,
    `module.exports.cjs${id} = function () { return ${helper}() }${e}`,
    `exports.cjs${id} = (a${t(': number')}) => { return a }${e}`,
    `module.exports = function () { return 3 }${e}`,
  ];
  if (s.ts) {
    options.push(
      `type T${id} = { a: number; f(): { b: string } }${e}`,
      `interface I${id} { f(): { a: number } }`,
      `declare function decl${id}(x: number): number${e}`,
      `enum E${id} { A = 1, B = 2 }`,
      `namespace N${id} { export function inner() { return 1 } }`,
      `abstract class Abs${id} { abstract f(): void }`,
    );
  }
  if (s.surprises) {
    options.push(
      `if (Math.random() > 2) { flag${id}++ }\n/[/*]/.test('x')${e}\n/* a later comment */`,
      `if (Math.random() > 2) { flag${id}++ }\n/\\/*$/.test('x/')${e}`,
      `const of${id} = 2${e}\nlet r${id} = [of${id} / 2, 1 / 1][1]${e}`,
    );
    if (!s.ts) options.push(`const el${id} = <div className="x">{1}</div>${e}`, `const sp${id} = < p>{1}</p>${e}\nconst half${id} = 1 / 2${e}`);
  }
  return g.pick(options);
}

interface Helper {
  name: string;
  text: string;
}

/** One helper declaration of a random kind, returning `value` (a number or another helper's result). */
function helper(g: Rand, s: Style, name: string, value: string, other: string, defaultTaken: { v: boolean }): string {
  const e = s.asi ? '' : ';';
  const t = (x: string) => (s.ts ? x : '');
  const noise: string[] = [];
  for (let k = 1 + g.int(4); k > 0; k--) noise.push(bodyNoise(g, s, other));
  if (g.chance(0.015)) noise.push('// shapegrad-disable-next-line input-shape-mismatch');
  if (g.chance(0.04)) noise.push(g.pick(['// builds the model', "const lib = 'tf'" + e, '/* predict */']));
  const returning = (v: string) => [...noise, `return ${v}${e}`].map((l) => `  ${l}`).join('\n');
  const body = returning(value);
  const kinds: (() => string)[] = [
    () => `function ${name}(a${t('?: number')})${t(': number')} {\n${body}\n}`,
    () => `export function ${name}(a${t('?: number')})${t(': number')} {\n${body}\n}`,
    () => `async function ${name}()${t(': Promise<number>')} {\n${body}\n}`,
    () => `function* ${name}()${t(': Generator<number>')} {\n${body}\n}`,
    () => `function /* ${name} */ ${name}() {\n${body}\n}`,
    () => `const ${name} = (a${t('?: number')}) => {\n${body}\n}${e}`,
    () => `let ${name} = async (a${t('?: number')}) => {\n${body}\n}${e}`,
    () => `var ${name} = function (a${t('?: number')}) {\n${body}\n}${e}`,
    () => `export const ${name} = function named(a${t('?: number')}) {\n${body}\n}${e}`,
    () => `const ${name} = (a${t('?: number')}) => ${value}${e}`,
    () => `class ${name} {\n  #secret = 1${e}\n  field = () => { return this.#secret }${e}\n  static make() { return ${other} }\n  m() {\n${body}\n  }\n}`,
    () => `export class ${name} extends Object {\n  m() {\n${body}\n  }\n}`,
  ];
  if (s.ts) {
    kinds.push(
      () => `function ${name}(a: string): number${e}\nfunction ${name}(a?: unknown): number {\n${body}\n}`,
      () => `function ${name}(a: string): number\nfunction ${name}(a?: unknown): number {\n${body}\n}`,
      () => `function ${name}(): { v: number } {\n${returning(`{ v: ${value} }.v as any`)}\n}`,
      () => `function ${name}(x?: unknown): x is { v: number } {\n${returning(`(${value}) as any`)}\n}`,
      () => `function ${name}<T>(x?: T): T extends string ? { s: T } : { n: T } {\n${returning(`(${value}) as any`)}\n}`,
      () => `function ${name}(): Promise<{ v: number }> | { v: number } {\n${returning(`(${value}) as any`)}\n}`,
      () => `const ${name} = <T,>(x?: T): number => {\n${body}\n}${e}`,
      () => `const ${name}: (a?: number) => number = (a) => {\n${body}\n}${e}`,
      () => `export abstract class ${name}<T extends { a: number }> implements Partial<{ b: 1 }> {\n  m(): { a: number } {\n${body}\n  }\n}`,
      () => `declare function ${name}(a: number): number${e}`,
    );
  }
  if (!defaultTaken.v && g.chance(0.1)) {
    defaultTaken.v = true;
    return g.pick([
      () => `export default function ${name}() {\n${body}\n}`,
      () => `export default async function ${name}() {\n${body}\n}`,
      () => `export default class ${name} {\n  m() {\n${body}\n  }\n}`,
    ])();
  }
  return g.pick(kinds)();
}

/** Top-level model code whose findings depend on values that helpers compute. */
function modelCode(g: Rand, s: Style, id: number, call: () => string): string {
  const e = s.asi ? '' : ';';
  const m = `m${id}`;
  const suppress = g.chance(0.15) ? '// shapegrad-disable-next-line\n' : '';
  const options = [
    () => `const ${m} = tf.sequential()${e}\n${m}.add(tf.layers.dense({ units: 3, inputShape: [${call()}] }))${e}\n${suppress}${m}.predict(tf.zeros([2, 5]))${e}`,
    () => `const n${id} = ${call()}${e}\nconst ${m} = tf.sequential()${e}\n${m}.add(tf.layers.dense({ units: n${id}, inputShape: [4] }))${e}\n${suppress}${m}.add(tf.layers.dense({ units: 2, inputShape: [5] }))${e}`,
    () => `const w${id} = tf.variable(tf.zeros([3]))${e}\n${suppress}w${id}.sub(tf.ones([3]))${e}`,
    () => `const v${id} = tf.variable(tf.zeros([3]))${e}\n${suppress}for (const x of [v${id}]) x = x.sub(1)${e}`,
    () => `${suppress}const p${id} = tf.matMul(tf.zeros([2, ${call()}]), tf.zeros([5, 2]))${e}`,
    () => `const ${m} = tf.sequential()${e}\n${m}.add(tf.layers.dense({ units: 1, inputShape: [4] }))${e}\n${m}.fit(tf.zeros([8, ${call()}]), tf.zeros([8, 1]), { callbacks: { onEpochEnd: ${call().replace(/\(\)$/, '')} } })${e}`,
    () => `export function build${id}() {\n  const ${m} = tf.sequential()${e}\n  ${m}.add(tf.layers.dense({ units: 3, inputShape: [${call()}] }))${e}\n  ${m}.predict(tf.zeros([2, 5]))${e}\n  return ${m}${e}\n}`,
    // Top-level `await (…)`: an await in a module, a call of `await` in a script.
    () => `function mk${id}() {\n  const m = tf.sequential()${e}\n  m.add(tf.layers.dense({ units: 3, inputShape: [${call()}] }))${e}\n  return m${e}\n}\nconst ${m} = await (mk${id}())${e}\n${m}.predict(tf.zeros([2, 5]))${e}`,
    () => `const train${id} = async () => {\n  const ${m} = tf.sequential()${e}\n  ${m}.add(tf.layers.dense({ units: 3, inputShape: [${call()}] }))${e}\n  await ${m}.fit(tf.zeros([2, 5]), tf.zeros([2, 3]))${e}\n}${e}`,
  ];
  return g.pick(options)();
}

const UNICODE_NAMES = ['größe', 'σ', 'λx', 'ñ', 'データ', '$', '_', 'x\u200d'];

/** A random model file of more than FOCUS_MIN_CHARS characters, and its file name. */
export function randomModelFile(seed: number): { name: string; text: string; exported: string[] } {
  const g = new Rand(random(seed));
  const ext = g.pick(['.ts', '.ts', '.mts', '.js', '.mjs', '.cjs']);
  const s: Style = { ts: ext.includes('t'), asi: g.chance(0.4), ext, surprises: g.chance(0.2) };
  const e = s.asi ? '' : ';';
  // Helpers until the file is just over the focus threshold (a bigger file tests nothing more):
  // some names called may then be declared nowhere, which is fine (an unknown value).
  const count = 90;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = g.chance(0.05) ? `${g.pick(UNICODE_NAMES)}${i}` : `h${i}`;
    if (s.surprises && g.chance(0.02)) name = `h\\u0061t${i}`; // \u0061 is `a`: a name the tokenizer cannot read
    if (g.chance(0.05) && i > 0) name = names[g.int(i)]!; // a second declaration of the same name
    names.push(name);
  }
  const call = () => `${g.pick(names)}()`;
  const defaultTaken = { v: false };
  const items: string[] = [];
  let size = 0;
  for (let i = 0; i < count && size < FOCUS_MIN_CHARS + 1024; i++) {
    const value = g.chance(0.4) ? call() : String(g.pick([4, 4, 4, 3, 5]));
    items.push(helper(g, s, names[i]!, value, g.pick(names), defaultTaken));
    size += items[items.length - 1]!.length + 2;
  }
  // The model code calls helpers that exist (in any order: one defined later is unknown then).
  const declared = names.slice(0, items.length);
  const models = 2 + g.int(4);
  for (let k = 0; k < models; k++) items.push(modelCode(g, s, k, () => `${g.pick(declared)}()`));
  // Constants for another file to import (see focus-fuzz.test.ts).
  const exported: string[] = [];
  if (s.ext !== '.cjs') {
    for (let k = 0; k < 3; k++) {
      exported.push(`SIZE${k}`);
      items.push(`export const SIZE${k} = ${g.pick(declared)}()${e}`);
    }
  }
  for (let k = g.int(5); k > 0; k--) items.push(topNoise(g, s, k, g.pick(names)));
  g.shuffle(items);
  const head: string[] = [];
  if (s.ext === '.cjs' && g.chance(0.5)) head.push('#!/usr/bin/env node');
  // Without an import, `tf` is the global of a browser script; the file is a module only if it exports.
  if (s.ext === '.cjs') head.push(`const tf = require('@tensorflow/tfjs')${e}`);
  else if (g.chance(0.7)) head.push(`import * as tf from '@tensorflow/tfjs'${e}`);
  head.push(`let ${Array.from({ length: 6 }, (_, k) => `flag${k} = 0, flagx${k} = 0`).join(', ')}${e}`);
  // Between declarations: a blank line, a line break, a comment, or (with semicolons) nothing.
  const separators = ['\n\n', '\n\n', '\n', '\n// model helpers { and a brace\n', '\n/** Docs: `x` } {@link y} */\n', ...(s.asi ? [] : [' ', ''])];
  let text = `${head.join('\n')}\n\n${items.map((item) => item + g.pick(separators)).join('')}\n`;
  // Minified: one long line (line comments become block comments; kept only if it still parses).
  if (!s.asi && g.chance(0.1)) {
    const first = text.indexOf('\n');
    const line = text.slice(first).replace(/^(\s*)\/\/(.*)$/gm, '$1/*$2*/').replace(/\n\s*/g, ' ');
    const minified = text.slice(0, first + 1) + line;
    const kind = s.ts ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    const sf = ts.createSourceFile('m.ts', minified, ts.ScriptTarget.Latest, false, kind);
    if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0) text = minified;
  }
  if (g.chance(0.2)) text = text.replace(/\n/g, '\r\n');
  return { name: `fuzz_${seed}${ext}`, text, exported };
}
