// The subset parser (src/lint/frontend/subset/) against TypeScript's parser and the lowering of
// its tree, the reference. Wherever the subset parser accepts a text, TypeScript must find no
// syntax error in it and the common syntax must be identical, offsets included. Corpora: every
// TypeScript file of this repository, whole and one top-level statement at a time; real
// JavaScript from the dependencies; the lint benchmark's files; the focus fuzz generator's files;
// and mutants of all of these (tokens dropped, doubled, swapped, inserted), most of which are
// syntax errors the subset parser must refuse. A share of each corpus must be accepted, so that a
// parser that gave up on everything would fail here.
//
// MUTANTS=N sets the mutant count (default 4000; SHAPEGRAD_LONG=1: 100000), SHAPEGRAD_SEED the seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { ts } from 'ts-morph';
import { modelFile } from '../../bench/lint.bench.js';
import { focusText } from '../../src/lint/frontend/focus.js';
import { Tok, Tokens } from '../../src/lint/frontend/js-tokens.js';
import { parseSubset, subsetStop } from '../../src/lint/frontend/subset/parser.js';
import { parseWithTypeScript } from '../../src/lint/frontend/typescript.js';
import { randomModelFile } from './focus-gen.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MUTANTS = Number(process.env.MUTANTS ?? (process.env.SHAPEGRAD_LONG ? 100000 : 4000));
const SEED = Number(process.env.SHAPEGRAD_SEED ?? 20261128);

const isJs = (name: string) => /\.(m|c)?js$/i.test(name);

/** Plain data (getters read, undefined kept as null) for comparison. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

/** Why the subset parser's reading of `text` is wrong, or undefined when it is right (or it declined). */
function disagreement(name: string, text: string): string | undefined {
  const mine = parseSubset(text, isJs(name));
  if (!mine) return undefined;
  const reference = parseWithTypeScript(name, text);
  if (reference.errors.length > 0) return `accepted a syntax error: ${reference.errors[0]!.message} at ${reference.errors[0]!.a}`;
  const a = JSON.stringify(plain(mine));
  const b = JSON.stringify(plain(reference.body));
  if (a === b || isDeepStrictEqual(plain(mine), plain(reference.body))) return undefined;
  let k = 0;
  while (a[k] === b[k]) k++;
  return `reads it differently:\n  subset:     …${a.slice(Math.max(0, k - 120), k + 120)}\n  TypeScript: …${b.slice(Math.max(0, k - 120), k + 120)}`;
}

function filesUnder(dir: string, pattern: RegExp, limit = Infinity, out: [string, string][] = []): [string, string][] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (out.length >= limit) break;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', '.git'].includes(entry.name)) filesUnder(path, pattern, limit, out);
    } else if (pattern.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name) && statSync(path).size < 200_000) {
      out.push([path.slice(repoRoot.length + 1), readFileSync(path, 'utf8')]);
    }
  }
  return out;
}

/** Each top-level statement on its own (after the file's imports), as a module. */
function statements(files: [string, string][]): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, text] of files) {
    const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, isJs(name) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
    for (const st of sf.statements) out.push([name, `export {};\n${st.getFullText(sf)}`]);
  }
  return out;
}

/** Check a corpus; returns the share accepted. */
function check(corpus: [string, string][]): number {
  let accepted = 0;
  for (const [name, text] of corpus) {
    const why = disagreement(name, text);
    assert.equal(why, undefined, `${name}: the subset parser ${why}\n--- text ---\n${text.slice(0, 2000)}`);
    if (parseSubset(text, isJs(name))) accepted++;
  }
  return accepted / corpus.length;
}

const repoFiles = [...filesUnder(join(repoRoot, 'src'), /\.ts$/), ...filesUnder(join(repoRoot, 'test'), /\.ts$/),
  ...filesUnder(join(repoRoot, 'bench'), /\.ts$/), ...filesUnder(join(repoRoot, 'examples'), /\.(ts|js|mjs)$/)];

test('subset parser = TypeScript on this repository, whole files and each top-level statement', () => {
  check(repoFiles);
  const share = check(statements(repoFiles));
  assert.ok(share > 0.8, `only ${(share * 100).toFixed(0)}% of statements accepted`);
});

test('subset parser = TypeScript on real JavaScript (the dependencies: mathjs, yargs, chalk)', () => {
  const corpus: [string, string][] = [];
  for (const dir of ['node_modules/mathjs/lib/esm', 'node_modules/yargs/build/lib', 'node_modules/chalk/source']) {
    filesUnder(join(repoRoot, dir), /\.(js|mjs|cjs)$/, corpus.length + 300, corpus);
  }
  assert.ok(corpus.length > 300, `only ${corpus.length} files found`);
  const share = check(corpus);
  assert.ok(share > 0.8, `only ${(share * 100).toFixed(0)}% accepted`);
});

test('subset parser reads every file of the lint benchmark (focused), as TypeScript does', () => {
  const corpus = Array.from({ length: 100 }, (_, i): [string, string] => [`model_${i}.ts`, focusText(modelFile(i), 'ts')]);
  assert.equal(check(corpus), 1);
});

test('subset parser = TypeScript on the focus fuzz files, focused and whole', () => {
  const corpus: [string, string][] = [];
  for (let i = 0; i < 150; i++) {
    const { name, text } = randomModelFile(SEED + i);
    corpus.push([name, text], [name, focusText(text, isJs(name) ? 'js' : 'ts')]);
  }
  check(corpus);
});

function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Snippets of each construct the subset reads (also mutated below, since the repository has few of some). */
const CONSTRUCTS = [
    "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 10, inputShape: [4] }));",
    'export async function train(xs: tf.Tensor2D, ys?: tf.Tensor): Promise<number> {\n  const h = await model.fit(xs, ys, { epochs: 3 });\n  return h.history.loss[0] as number;\n}',
    'const f = async ({ a, b: [c, ...d] }: Opts = {}, ...rest: number[]): Promise<void> => { for await (const x of xs) g(x); };',
    'let x = a ? (b) : c => d;\nx ??= y!.z?.[0]?.(1);\nx = `t${a}u${b}`;',
    'const call = a < b > (d);\nconst m = new Map<string, number[]>();\nconst n = new tf.layers.Dense({ units: 1 }).apply(x) as tf.SymbolicTensor;',
    'type A<T extends object = {}> = T extends (infer_: string) => void ? { a?: T[]; readonly b: [string, number?] } : never;',
    'interface I<T> extends J<T>, K { (x: number): string; m?<U>(u: U): this is I<U>; [k: string]: unknown }',
    'label: for (let i = 0, j = 1; i < n && j >= 0; i++, j--) { if (i > 2) continue label; else break; }',
    'switch (a) { case 1: b(); case 2: { c(); } default: d(); }\ntry { e(); } catch { f(); } finally { g(); }',
    'do x++; while (x < 10)\nwhile (y) y--;\nfor (const k in o) delete o[k];',
    'const holes = [, 1, , 2, ,];\nconst [, second, , fourth] = xs;\n[, x] = ys;\nconst f = ([, v]) => v;',
    'const { a = 1, b: { c }, ...rest } = o, [p, [q]] = arr;\n[s, t] = [t, s];\n(u) = 1;',
    "export default { key: 'v', 'quoted': 1, method(a) { return a; }, [computed]: 2, shorthand };",
    'export { a, b as c };\nexport * from "./m.js";\nexport type { T } from "./t.js";\nimport d, { e as f, type G } from "./x.js";',
    'const big = 1e-5 + .5 + 0x1F + 0b101 + 3.14e+2;\nconst s = "a\\n\\t\\u0041\\x41\\\'";',
    "const words = s.replace(/\\s+/g, ' ').split(/[,;]\\s*/), re = /^(?:[a-z]{2,}|\\d+)$/i, q = a / b / c;\nif (/x/.test(s)) r = /=/.source;",
    'x = a instanceof B || !(c in d) && typeof e === "f" && void 0 === undefined;',
    'export class Dense extends tf.layers.Layer implements I<T> {\n  static className = "Dense";\n  private w?: tf.LayerVariable;\n  constructor(private readonly units: number, config?: LayerArgs) { super(config); this.units = units; }\n  get size(): number { return this.units; }\n  async build(s: tf.Shape) { await super.build(s); }\n  call(x: tf.Tensor): tf.Tensor { return tf.matMul(x, this.w!.read()); }\n  abstract? = 1;\n  static() { return 2; }\n}',
    'abstract class A<T> { abstract f(): void; protected abstract readonly g: T; declare h: number; override toString() { return ""; } }',
    'function* data(n = 10) {\n  for (let i = 0; i < n; i++) yield { xs: [i], ys: [2 * i] };\n  yield;\n  yield* more();\n  const got = yield 1, x = (yield) ?? 0;\n}\nconst ds = tf.data.generator(data);\nconst o = { *gen() { yield 1; } };\nclass C { *[Symbol.iterator]() { yield 1; } static async *s() { yield await x; } }\nconst ge = async function* () { yield* xs; };',
    'const g = function named<T>(this_: T) { return arguments.length; };\nconst h = x => y => x + y;',

];

/** Tokens and fragments a slip or a half-typed edit would leave. */
const INSERTS = ['(', ')', '[', ']', '{', '}', ';', ',', ':', '?', '?.', '.', '...', '=>', '=', '+', '-', '*', '**', '/', '<', '>', '>>', '!',
  '++', '--', '&&', '??', '||', '|', '&', 'as', 'satisfies', 'in', 'of', 'new', 'await', 'async', 'function', 'return', 'const', 'let',
  'var', 'type', 'interface', 'export', 'import', 'default', 'if', 'else', 'for', 'typeof', 'void', 'yield', 'this', 'x', '1', '"s"',
  '`t`', '`a${', '\n', 'extends', 'keyof', 'readonly', 'is', 'declare', '<T>', 'catch', 'try', 'case', 'switch', 'break', 'label:', 'class'];

test(`subset parser never accepts what TypeScript rejects, nor reads it otherwise: ${MUTANTS} mutants`, () => {
  const random = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const bases = [...statements(repoFiles), ...Array.from({ length: 20 }, (_, i): [string, string] => [`model_${i}.ts`, modelFile(i)]),
    ...CONSTRUCTS.flatMap((text): [string, string][] => Array.from({ length: 20 }, () => ['construct.ts', text]))]
    .filter(([name, text]) => parseSubset(text, isJs(name)) !== undefined);
  let accepted = 0;
  for (let n = 0; n < MUTANTS; n++) {
    const [name, original] = pick(bases);
    let text = original;
    for (let edits = 1 + Math.floor(random() * random() * 3); edits > 0; edits--) {
      const spans: [number, number][] = [];
      const tokens = new Tokens(text, isJs(name));
      for (let k = tokens.next(); k !== Tok.End; k = tokens.next()) spans.push([tokens.start, tokens.end]);
      if (spans.length < 3) break;
      const i = Math.floor(random() * (spans.length - 1));
      const [s, e] = spans[i]!;
      const [s2, e2] = spans[i + 1]!;
      switch (Math.floor(random() * 4)) {
        case 0: text = text.slice(0, s) + text.slice(e); break;
        case 1: text = `${text.slice(0, s)}${pick(INSERTS)} ${text.slice(s)}`; break;
        case 2: text = text.slice(0, e) + text.slice(s, e) + text.slice(e); break;
        default: text = text.slice(0, s) + text.slice(s2, e2) + text.slice(e, s2) + text.slice(s, e) + text.slice(e2);
      }
    }
    const why = disagreement(name, text);
    assert.equal(why, undefined, `mutant ${n} (seed ${SEED}) of ${name}: the subset parser ${why}\n--- mutant ---\n${text}`);
    if (parseSubset(text, isJs(name))) accepted++;
  }
  assert.ok(accepted > MUTANTS / 20, `only ${accepted} mutants accepted: the comparison would prove little`);
});

test('subset parser gives up where TypeScript reads the text its own way', () => {
  const cases: [string, string][] = [
    ['a regular expression with a named group', 'const re = /(?<year>[0-9]+)/;'],
    ['a regular expression with a backreference', 'const re = /(a)\\1/;'],
    ['a regular expression with a repeated flag', 'const re = /a/gg;'],
    ['a regular expression V8 rejects', 'const re = /a**/;'],
    ['a regular expression with the v flag', 'const re = /[a]/v;'],
    ['a private name', 'class A { #x = 1; }'],
    ['a static block', 'class A { static { init(); } }'],
    ['a class expression', 'const A = class {};'],
    ['an index signature in a class', 'class A { [k: string]: number; }'],
    ['decorator', '@dec\nfunction f() {}'],
    ['yield in an arrow inside a generator', 'function* g() { const f = () => yield 1; }'],
    ['yield outside a generator', 'function g() { yield 1; }'],
    ['enum', 'enum E { A }'],
    ['declare', 'declare const x: number;'],
    ['namespace', 'namespace N { const a = 1; }'],
    ['a comparison TypeScript might read as type arguments', 'const c = a < b > d;'],
    ['an instantiation expression', 'const f = g<number>;'],
    ['a top-level await in a script (a call of `await` there)', 'await (x);'],
    ['await outside an async function', 'function f() { await x; }'],
    ['a top-level await TypeScript parses twice, differently', 'export {};\nawait {};\nimport a from "a";'],
    ['?? mixed with || without parentheses', 'const a = b ?? c || d;'],
    ['-x ** 2', 'const a = -x ** 2;'],
    ['hexadecimal with a separator', 'const a = 0x1_F;'],
    ['a non-ASCII name', 'const größe = 1;'],
    ['a tagged template', 'const a = tag`x`;'],
    ['import()', 'const m = import("./m.js");'],
    ['import.meta', 'const u = import.meta.url;'],
    ['a named tuple type', 'let t: [x: number] = [1];'],
    ['a mapped type', 'type M = { [K in keyof T]: T[K] };'],
    ['an unfinished member access (TypeScript reports a missing name)', 'const a = b.\nc d;'],
    ['a line break before =>', 'const f = (a)\n=> a;'],
    ['an octal escape', "const s = '\\1';"],
    ['a return at the top level', 'return 1;'],
    ['JSX', 'const e = <div />;'],
    ['a merge-conflict marker', 'const a = 1;\n<<<<<<< HEAD\nconst b = 2;\n=======\nconst b = 3;\n>>>>>>> branch\n'],
    ['a line separator (a line break to TypeScript, even in a string)', "const s = 'a\u2028b';"],
  ];
  for (const [what, text] of cases) assert.notEqual(subsetStop(text, false), undefined, `${what}: ${text}`);
  // JavaScript files: TypeScript-only syntax is left to TypeScript.
  for (const text of ['let a: number = 1;', 'const b = a as T;', 'f<T>(x);', 'interface I {}', 'const c = a!;']) {
    assert.notEqual(subsetStop(text, true), undefined, `in JavaScript: ${text}`);
  }
});

test('subset parser reads the constructs of model code as TypeScript does', () => {
  const cases = CONSTRUCTS;
  for (const text of cases) {
    assert.equal(subsetStop(text, false), undefined, `the subset parser should read: ${text}`);
    assert.equal(disagreement('case.ts', text), undefined, text);
  }
});

test('subset parser: nested speculation stays linear, and deep nesting gives up instead of overflowing', { timeout: 20_000 }, () => {
  // Each `(` may start an arrow function's parameters; retried naively at every level this is 2^n.
  const nested = (n: number) => `x = ${'(a = '.repeat(n)}1${')'.repeat(n)};`;
  assert.ok(parseSubset(nested(200), false), 'reads 200 levels');
  assert.equal(disagreement('nested.ts', nested(60)), undefined);
  // Deeper than the stack: the subset parser declines (TypeScript's parser then reports it).
  assert.equal(parseSubset(nested(100_000), false), undefined);
});

test('subset parser: the differences mutants found, each a syntax error it once accepted or a text it once read otherwise', () => {
  const syntaxErrors = [
    'import a { b } from "m";',
    'function f(a): undefined<T> {}',
    'const { a } ! = o;',
    'for (const d ! of xs) {}',
    'const a = b.\nc d;',
    'export async\nfunction f() {}',
    'let f: (void) => string;',
    'interface I { m(break: number): void }',
    'const isObject = (x: Json): default is Json => true;',
    'function f(): typeof is T {}',
    'class A { constructor?(a: number) {} }',
    'class A { get!(x: number) {} }',
    'export interface R extends extends { FileResult\n  claims: Claim[];\n}',
    "export type  as = 'off' | 'warn';",
    'type A<extends = {}> = 1;',
    'interface I { [var: string]: unknown }',
    'const p = model.predict(input) as this .tfTensor;',
    'let t: [string, number\n ?] = ["a", 1];',
  ];
  for (const text of syntaxErrors) {
    assert.ok(parseWithTypeScript('case.ts', text).errors.length > 0, `TypeScript rejects: ${text}`);
    assert.equal(parseSubset(text, false), undefined, `the subset parser must decline: ${text}`);
  }
  // Read as TypeScript reads them: JSDoc postfix types make `<D!>(…)` type arguments.
  for (const text of ['g.pick<D! >(dims);', 'f<A?>(x);', 'let t: [A?, B] = [1, 2];', 'const c = a < b ? -x : y;']) {
    assert.equal(disagreement('case.ts', text), undefined, text);
  }
  assert.equal(subsetStop('export {};\nawait {};\nimport a from "a";', false) !== undefined, true);
});
