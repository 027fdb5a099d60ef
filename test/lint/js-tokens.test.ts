// The focus pass's tokenizer against an independent reference: the TypeScript parser. Over every
// TypeScript file of this repository (regular expressions, template literals, generics, strings
// with escapes) and hand-written edge cases, every name the parser sees is a word token at the
// same offset, every other word is a keyword, and brackets balance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { Tok, Tokens } from '../../src/lint/frontend/js-tokens.js';

function words(text: string, jsx = false): { words: Map<number, string>; failed: boolean; level: number; at: number } {
  const t = new Tokens(text, jsx);
  const out = new Map<number, string>();
  for (let k = t.next(); k !== Tok.End; k = t.next()) if (k === Tok.Word) out.set(t.start, t.word);
  return { words: out, failed: t.failed || t.level !== 0, level: t.level, at: t.failedAt };
}

function identifiers(text: string, kind: ts.ScriptKind): Map<number, string> {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true, kind);
  assert.equal((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0);
  const out = new Map<number, string>();
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) out.set(n.getStart(sf), n.text);
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

const keywordScanner = ts.createScanner(ts.ScriptTarget.Latest, true);
function isKeyword(w: string): boolean {
  keywordScanner.setText(w);
  const k = keywordScanner.scan();
  return k >= ts.SyntaxKind.FirstKeyword && k <= ts.SyntaxKind.LastKeyword && keywordScanner.getTokenEnd() === w.length;
}

function agrees(text: string, name: string, kind = ts.ScriptKind.TS): void {
  const got = words(text);
  assert.equal(got.failed, false, `${name}: read without surprise (at ${got.at}: ${JSON.stringify(text.slice(got.at - 40, got.at + 20))})`);
  assert.equal(got.level, 0, `${name}: brackets balance`);
  for (const [at, id] of identifiers(text, kind)) {
    // The parser unescapes `\u0061`; the tokenizer keeps the source spelling.
    if (!id.includes('\\') && text.slice(at, at + id.length) === id) assert.equal(got.words.get(at), id, `${name}: name '${id}' at ${at}`);
  }
  const names = new Set(identifiers(text, kind).keys());
  for (const [at, w] of got.words) {
    if (!names.has(at)) assert.ok(isKeyword(w) || w.startsWith('#'), `${name}: '${w}' at ${at} is neither a name nor a keyword`);
  }
}

test('every TypeScript file of the repository tokenizes as the parser reads it', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
    }
  };
  for (const d of ['src', 'rules', 'test', 'bench', 'examples']) walk(join(process.cwd(), d));
  assert.ok(files.length > 150, `files: ${files.length}`);
  for (const f of files) agrees(readFileSync(f, 'utf8'), f);
});

test('edge cases: regex or division, templates in templates, escapes, numbers, private names', () => {
  const cases = [
    'const a = b / c / d; const r = /[/{(]+\\//g.test(s) ? x : y;',
    'if (a) /re/.test(s); return /x/;',
    'const s = `a ${ `b ${ { c: 1 }.c } ` } d ${ e }`;',
    "const q = 'it\\'s {'; const d = \"\\\"}\"; const e = '\\\\';",
    'const n = 1e-5 + 0x1F - .5 + 1_000n + 3.14e+2;',
    'class A { #x = 1; m() { return this.#x++ / 2; } }',
    'let i = 0; i++ / 2; ++i; x = a++ /2/ 1;',
    'const f = <T,>(x: T): { a: T } => ({ a: x }); type G = Array<Record<string, () => void>>;',
    '#!/usr/bin/env node\nconst x = 1;',
    '/* { */ // }\nconst y = { z: [1, 2, (3)] };',
    'const obj = { if: 1, class: 2, new: 3 }; obj.if + obj.new / 2;',
    // A property named like a statement head is no head: divisions after its `)`, not a regex.
    'const o = { with: (a: number) => a, if: (a: number) => a }; const n = [o.with(1) / 2, n2() / 1][1] + o.if(2) / n3 / 4;',
    // `for await (…)` is a statement head: a regex after its `)`.
    'async function f(xs: string[]) { for await (const x of xs) /[\'`]/.test(x); }',
    'const größe = 1, σ = 2, データ = größe + σ;',
    "export default /['`{]/;",
    "for (const c of 'ab') { if (c) break\n/['`]/.test(c) }",
  ];
  for (const c of cases) agrees(c, c);
});

test('what it cannot read with certainty fails, so the file is parsed whole', () => {
  for (const bad of ["const s = 'open", 'const t = `${', '/* open', 'const r = /open', '}', 'const c = \u0001;']) {
    assert.equal(words(bad).failed, true, bad);
  }
  // Readable only by the parser: a regex or a division after `}`, a contextual keyword or a
  // name before `/`, a name spelt with a unicode escape (`\u0062uild` is `build`).
  for (const unsure of ["if (a) {}\n/[/*]/.test('x');", 'x = {} / 2;', 'const of = 4; of / n / 2;', 'function* g() { yield /re/; }', 'function \\u0062uild() {}', 'b\\u0061r();']) {
    assert.equal(words(unsure).failed, true, unsure);
  }
  // A comment after `}` is still a comment.
  assert.equal(words('if (a) {}\n// note\n/* more */ f();').failed, false);
  assert.equal(words('return <div>{x}</div>;', true).failed, true, 'JSX');
  assert.equal(words("const y = < p>{a}</p>; const n = hidden() / 2; // don't", true).failed, true, 'JSX with a space after `<`');
  assert.equal(words('return a < b;', true).failed, false, 'a comparison is not JSX');
});
