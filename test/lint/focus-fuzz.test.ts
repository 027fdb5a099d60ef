// Differential fuzz test of the focused parse (frontend/focus.ts): random model files over 8 KB,
// assembled from snippets of real TF.js code (findings that depend on helper values, helpers of
// every declaration kind, references between them in every direction, lexical traps), must give
// exactly the findings of the whole parse. The focused text keeps every offset, and focusing never
// turns a file that parses into one that does not (that would mean it blanked something that was
// not a whole declaration).
//
// 300 files in `npm test`; FOCUS_FUZZ_CASES=N runs N (SHAPEGRAD_LONG=1: 5000) and SHAPEGRAD_SEED=N
// picks another seed. A failure names its seed and case, and writes the file to the temp directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { FOCUS_MIN_CHARS, focusText } from '../../src/lint/frontend/focus.js';
import { Tok, Tokens } from '../../src/lint/frontend/js-tokens.js';
import { lintSource } from '../../src/lint/index.js';
import { randomModelFile } from './focus-gen.js';

const CASES = Number(process.env.FOCUS_FUZZ_CASES ?? (process.env.SHAPEGRAD_LONG ? 5000 : 300));
const SEED = Number(process.env.SHAPEGRAD_SEED ?? 20240601);

function parse(name: string, text: string): ts.SourceFile {
  const kind = /\.(m|c)?js$/.test(name) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, kind);
}

function syntaxErrorCount(sf: ts.SourceFile): number {
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

/**
 * Where the tokenizer reads the file without giving up, every name the parser sees is a word at
 * the same offset (as in js-tokens.test.ts): nothing was swallowed by a misread literal. Returns
 * the first name missed, if any.
 */
function missedName(sf: ts.SourceFile, text: string, js: boolean): string | undefined {
  const tokens = new Tokens(text, js);
  const words = new Set<number>();
  for (let k = tokens.next(); k !== Tok.End; k = tokens.next()) if (k === Tok.Word) words.add(tokens.start);
  if (tokens.failed) return undefined;
  let missed: string | undefined;
  const visit = (n: ts.Node): void => {
    if (missed) return;
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
      const at = n.getStart(sf);
      if (!words.has(at)) missed = `'${n.text}' at ${at}`;
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return missed;
}

/** A file that imports the constants of `config` into model code: a finding for each that is 4. */
function importer(config: string, exported: string[]): string {
  const models = exported.map((c, k) =>
    `const m${k} = tf.sequential();\nm${k}.add(tf.layers.dense({ units: 3, inputShape: [${c}] }));\nm${k}.predict(tf.zeros([2, 5]));\n`);
  return `import * as tf from '@tensorflow/tfjs';\nimport { ${exported.join(', ')} } from './${config}';\n${models.join('')}`;
}

test(`the focused lint equals the whole lint on ${CASES} random model files (seed ${SEED})`, () => {
  const cwd = tmpdir();
  // Another file's constants are read from its focused parse; `focus: false` reads it whole.
  const project = mkdtempSync(join(tmpdir(), 'shapegrad-focus-fuzz-'));
  let imported = 0;
  let focusedFiles = 0;
  let findings = 0;
  let parseErrors = 0;
  try {
    for (let c = 0; c < CASES; c++) {
      const seed = (SEED + c * 7919) >>> 0;
      const { name, text, exported } = randomModelFile(seed);
      const where = () => {
        const path = join(tmpdir(), name);
        writeFileSync(path, text);
        return `seed ${SEED}, case ${c} (file seed ${seed}), written to ${path}`;
      };
      assert.ok(text.length > FOCUS_MIN_CHARS, where());
      const js = /\.(m|c)?js$/.test(name);
      const focused = focusText(text, js ? 'js' : 'ts');
      assert.equal(focused.length, text.length, `focusing keeps every offset: ${where()}`);
      const sf = parse(name, text);
      const missed = missedName(sf, text, js);
      assert.equal(missed, undefined, `the tokenizer missed a name: ${where()}`);
      if (focused !== text) {
        focusedFiles++;
        // Blanking whole declarations cannot break a file that parses.
        if (syntaxErrorCount(parse(name, focused)) > 0) assert.ok(syntaxErrorCount(sf) > 0, `the focused text does not parse: ${where()}`);
      }
      const part = lintSource(name, text, { cwd }).diagnostics;
      const whole = lintSource(name, text, { cwd, focus: false }).diagnostics;
      if (JSON.stringify(part) !== JSON.stringify(whole)) assert.deepEqual(part, whole, where());
      findings += whole.length;
      if (whole.some((d) => d.ruleId === 'parse-error')) parseErrors++;
      if (c % 4 === 0 && exported.length > 0 && focused !== text) {
        const config = name.replace(/^.*?(\.\w+)$/, 'config$1');
        const model = importer(config.replace(/\.(m?)ts$/, '.$1js'), exported);
        writeFileSync(join(project, config), text);
        const viaFocused = lintSource('model.ts', model, { cwd: project }).diagnostics;
        const viaWhole = lintSource('model.ts', model, { cwd: project, focus: false }).diagnostics;
        if (JSON.stringify(viaFocused) !== JSON.stringify(viaWhole)) assert.deepEqual(viaFocused, viaWhole, `importing: ${where()}`);
        imported += viaWhole.length;
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  if (process.env.FOCUS_FUZZ_CASES || process.env.SHAPEGRAD_LONG) console.log({ cases: CASES, focusedFiles, findings, parseErrors, imported });
  // The generator is doing its job: most files are focused, have findings and parse.
  assert.ok(focusedFiles > CASES / 2, `focused: ${focusedFiles}`);
  assert.ok(findings > CASES, `findings: ${findings}`);
  assert.ok(parseErrors < CASES / 10, `parse errors: ${parseErrors}`);
  assert.ok(imported > CASES / 20, `findings through imports: ${imported}`);
});
