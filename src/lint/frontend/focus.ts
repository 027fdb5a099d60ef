// Focus the TypeScript parser on the code the model lint can read. Most of a model file is plain
// helpers (data preparation, metrics, UI); parsing them is most of the cost of a lint run, and
// the interpreter never enters them anyway (it follows calls by name, and enters uncalled
// functions only when they mention the model API). So before parsing, one pass of a small
// tokenizer (js-tokens.ts) finds the top-level functions and classes that neither mention the
// model API nor are named by code that matters, and blanks them out (a comment and `{}`, of the same length): offsets, and
// so every span, stay the same, and the parser skips the blanks at the speed of a comment.
//
// The pass is conservative: any lexical surprise (an unterminated string, unbalanced brackets,
// JSX) and the file is parsed whole. The caller also parses whole when the focused text does not
// parse, so a blanked body can never cause or hide the file's first syntax error elsewhere.
import { MODEL_API } from '../syntax.js';
import { Tok, Tokens, wordHash } from './js-tokens.js';

/** Below this size a whole parse costs well under a millisecond: keep every syntax check. */
export const FOCUS_MIN_CHARS = 8 * 1024;

/** A top-level declaration that may be blanked: `function f() {…}`, `class C {…}`, `const f = (…) => {…}`. */
interface Candidate {
  name: string;
  /** Start of the declaration (its first keyword or modifier) and end of its body (after `}`). */
  start: number;
  end: number;
}

/**
 * Tokens after which `{` opens an object type or literal, not a function body: `): { a: T } {`,
 * `): x is { a: T } {`, `): T extends U ? { a: T } : { b: T } {`, `<T extends { a: T }>`.
 */
function braceIsType(prev: Tok, prevWord: string, prevIsQuestion: boolean): boolean {
  return prev === Tok.Colon || prev === Tok.Bar || prev === Tok.Amp || prev === Tok.Less || prev === Tok.Comma ||
    prev === Tok.OpenParen || prev === Tok.OpenBracket || prev === Tok.Arrow || prev === Tok.Equals ||
    (prev === Tok.Op && prevIsQuestion) ||
    (prev === Tok.Word && (prevWord === 'extends' || prevWord === 'keyof' || prevWord === 'is' || prevWord === 'readonly'));
}

/**
 * Whether a token can follow a function or class declaration's body: a new statement. Anything
 * else (`{`, `|`, `.`, …) means the `{…}` just read was a type (`): { a: T } | { b: T } {`) or
 * part of an expression: then it was no declaration.
 */
function followsDeclaration(k: Tok): boolean {
  return k === Tok.Word || k === Tok.Semicolon || k === Tok.At || k === Tok.OpenParen || k === Tok.String ||
    k === Tok.Number || k === Tok.Template || k === Tok.TemplateHead || k === Tok.PlusPlus;
}

/**
 * Whether the token after `prev` starts a statement: at the start, after `;` or a block's `}`, or
 * on a new line after a complete value (ASI). Not after `=`, `(`, `return`, `export default`, … :
 * `module.exports = function () {…}` and `x = class {…}` are expressions, not declarations.
 */
function startsStatement(prev: Tok, prevEndsValue: boolean, newline: boolean): boolean {
  return prev === Tok.End || prev === Tok.Semicolon || prev === Tok.CloseBrace || (newline && prevEndsValue);
}

const MODIFIERS = new Set(['export', 'default', 'async', 'declare', 'abstract']);

/**
 * The text to parse: `text` itself, or a copy of the same length with the irrelevant top-level
 * declarations blanked out. Returns `text` unchanged when nothing is blanked.
 */
export function focusText(text: string, kind: 'ts' | 'js' | 'jsx'): string {
  const js = kind === 'js';
  if (kind === 'jsx' || text.length < FOCUS_MIN_CHARS || !mayHaveHelpers(text)) return text;
  const scan = scanTopLevel(text, js);
  if (!scan) return text;
  const kept = keptCandidates(text, js, scan);
  const out: string[] = []; // joined at the end: one flat string for the scanner, not a chain of concatenations
  let from = 0;
  for (let i = 0; i < scan.candidates.length; i++) {
    const c = scan.candidates[i]!;
    const length = c.end - c.start;
    // The whole declaration becomes one block comment and a statement, of the same length: the
    // parser skips a comment at scanner speed, and the dash ends TypeScript's look for a
    // `@ts-ignore` directive at once. The statement is an empty block `{}`: like the declaration
    // it keeps the statements around it apart (`a\n(b)` is no call), and unlike `;` it never ends
    // the statement before it (`for (…) w = w - 1\n;` would stretch that statement's span over
    // the blank). An exported declaration leaves `export{};` instead, so that the file stays a
    // module (in a script, TypeScript reads a top-level `await (x)` as a call of `await`). The
    // statement comes last, so the next one starts where it did, at the end of the declaration:
    // a node's start includes its leading trivia, and spans, labels and suppression lookups read
    // the original text from there.
    const statement = /^export\b/.test(text.slice(c.start, c.start + 7)) ? 'export{};' : '{}';
    if (kept[i] || length < 5 + statement.length) continue;
    out.push(text.slice(from, c.start), '/*-', ' '.repeat(length - 5 - statement.length), '*/', statement);
    from = c.end;
  }
  if (from === 0) return text;
  out.push(text.slice(from));
  return out.join('');
}

/**
 * Whether focusing could skip anything: some top-level block (the text up to a `}` that starts a
 * line) never mentions the model API. In a file of model code every block does, and the
 * tokenizer pass would be wasted. Only a shortcut: a file it misjudges is parsed whole.
 */
function mayHaveHelpers(text: string): boolean {
  for (let from = 0; from < text.length; ) {
    let end = text.indexOf('\n}', from);
    if (end < 0) end = text.length;
    if (end - from > 8 && !MODEL_API.test(text.slice(from, end))) return true;
    from = end + 2;
  }
  return false;
}

interface TopLevelScan {
  candidates: Candidate[];
  /**
   * The words outside candidates, three numbers each: hash, start, length (numbers, not strings).
   * The words inside candidates are read again only for those kept (wordsIn): most are not.
   */
  refs: number[];
  /** Start and end of stretches read as candidates that turned out not to be: their words count as top-level. */
  rescan: number[];
}

/** The header being read: a declaration's keyword up to its body's `{`. */
interface Pending {
  start: number;
  name: string;
  /** `const f = …`: its body's `{` follows `=>` (or `function (…)`), and `;` or a new line must follow the body. */
  arrow: boolean;
  /** `const f = function (…) {…}`: the body's `{` is found as for a declaration. */
  fn: boolean;
}

/** One pass of the tokenizer: candidates and name references, or undefined on any lexical surprise. */
function scanTopLevel(text: string, js: boolean): TopLevelScan | undefined {
  const tokens = new Tokens(text, js);
  const candidates: (Candidate & { arrow: boolean })[] = [];
  const refs: number[] = [];
  const rescan: number[] = [];
  let pending: Pending | undefined;
  let open = -1; // the pending declaration's body `{`, once seen
  const cancel = (to: number) => {
    if (pending) rescan.push(pending.start, to);
    pending = undefined;
    open = -1;
  };
  let prev: Tok = Tok.End;
  let prevWord = '';
  let prevStart = 0;
  let prevEnd = 0;
  let modifiersAt = -1; // start of the leading `export`/`async`/… of the statement being read
  let modifiersStartStatement = false; // whether those modifiers start a statement
  let decorated = false; // a decorator precedes: `@dec\nclass C {}` must stay whole
  let justClosed: (Candidate & { arrow: boolean }) | undefined;
  for (;;) {
    const depth = tokens.level;
    const prevEndsValue = tokens.endsValue;
    const k = tokens.next();
    if (k === Tok.End) break;
    const start = tokens.start;
    if (depth === 0 && k !== Tok.CloseParen && k !== Tok.CloseBracket && k !== Tok.CloseBrace) {
      // A declaration must end after its body: `const f = () => {…}(x)` is not one, nor is
      // `function f(): { a: T } | …` (a type read as the body).
      if (justClosed && !(justClosed.arrow ? k === Tok.Semicolon || (tokens.newline && (k === Tok.Word || k === Tok.At)) : followsDeclaration(k))) {
        candidates.pop();
        rescan.push(justClosed.start, justClosed.end);
      }
      justClosed = undefined;
      // A header interrupted by a new line of code had no body (an overload, `declare`, an
      // expression-bodied arrow without `;`): what follows is not part of it.
      if (pending && open < 0 && k === Tok.Word && tokens.newline) cancel(start);
      const w = k === Tok.Word ? tokens.word : '';
      const before = prevWord;
      prevWord = w;
      if (k === Tok.At) decorated = true;
      if (MODIFIERS.has(w)) {
        if (modifiersAt < 0) {
          modifiersAt = start;
          modifiersStartStatement = startsStatement(prev, prevEndsValue, tokens.newline);
        }
      } else {
        const at = modifiersAt >= 0 ? modifiersAt : start;
        const modified = modifiersAt >= 0;
        modifiersAt = -1;
        const statement = () => (modified ? modifiersStartStatement : startsStatement(prev, prevEndsValue, tokens.newline));
        if (!pending && (w === 'function' || w === 'class')) {
          // Only a declaration with a plain name (or none): not `x = function…`, not
          // `function /* c */ f`, not `function größe` (the name is what keeps it).
          const name = !decorated && statement() ? readName(text, tokens.end) : undefined;
          if (name !== undefined) pending = { start: at, name, arrow: false, fn: false };
          decorated = false;
        } else if (!pending && (w === 'const' || w === 'let' || w === 'var')) {
          const decl = statement() ? arrowDecl(text, tokens.end) : undefined;
          if (decl) pending = { start: at, name: decl.name, arrow: true, fn: decl.fn };
        } else if (pending && (k === Tok.Semicolon || (pending.arrow && k === Tok.Comma))) {
          cancel(start); // no body, or `const a = …, b = …`
        } else if (pending && open < 0 && k === Tok.OpenBrace &&
          (pending.arrow && !pending.fn ? prev === Tok.Arrow : !braceIsType(prev, before, prevEnd - prevStart === 1 && text.charCodeAt(prevStart) === 63))) {
          open = start;
        }
      }
    }
    if (open === start && pending) {
      // The body just opened: skip to its `}` (most of a file's tokens; only the words of the
      // bodies kept are read, later).
      let inner: Tok;
      do inner = tokens.next();
      while (inner !== Tok.End && !(inner === Tok.CloseBrace && tokens.level === 0));
      if (inner === Tok.End) break;
      justClosed = { name: pending.name, start: pending.start, end: tokens.end, arrow: pending.arrow };
      candidates.push(justClosed);
      pending = undefined;
      open = -1;
      prevStart = tokens.start;
      prevEnd = tokens.end;
      prev = Tok.CloseBrace;
      continue;
    }
    prevStart = start;
    prevEnd = tokens.end;
    if (k === Tok.Word && !pending) refs.push(tokens.hash, start, tokens.end - start);
    prev = k;
  }
  if (tokens.failed || tokens.level !== 0) return undefined;
  if (pending) cancel(text.length);
  return { candidates, refs, rescan };
}

/**
 * The name after `function`/`class` (skipping a generator's `*`), '' for an anonymous one, or
 * undefined when it is not plainly spelt (a comment before it, a non-ASCII letter in it): the
 * tokenizer's words would not match it, so references could not keep the declaration.
 */
function readName(text: string, at: number): string | undefined {
  const m = /^\s*(?:\*\s*)?(?:([A-Za-z_$][\w$]*)(?![\w$\\\u0080-\uffff])|(?=[({<]))/.exec(text.slice(at, at + 200));
  if (!m) return undefined;
  const name = m[1] ?? '';
  return name === 'extends' || name === 'implements' ? '' : name;
}

/** `const NAME = (…) =>`, `const NAME = async x =>`, `const NAME = function`: the name (and which), else undefined. */
function arrowDecl(text: string, at: number): { name: string; fn: boolean } | undefined {
  const m = /^\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:async\b\s*)?(\(|function\b|[A-Za-z_$][\w$]*\s*=>)/.exec(text.slice(at, at + 300));
  return m ? { name: m[1]!, fn: m[2] === 'function' } : undefined;
}

/**
 * Which candidates to keep: those whose text mentions the model API (the interpreter enters
 * those even when nobody calls them), and, transitively, those named by kept code.
 */
function keptCandidates(text: string, js: boolean, scan: TopLevelScan): boolean[] {
  const { candidates, refs, rescan } = scan;
  // Also kept: a suppression comment (`commentStartsAt` cannot place one in a blank), and
  // `import.meta` (it makes the file a module, which changes how a top-level `await` parses).
  const kept = candidates.map((c) => {
    const source = text.slice(c.start, c.end);
    return MODEL_API.test(source) || source.includes('shapegrad') || /\bimport\s*\./.test(source);
  });
  const byHash = new Map<number, number[]>();
  candidates.forEach((c, i) => {
    if (!c.name) return;
    const h = wordHash(c.name);
    byHash.set(h, [...(byHash.get(h) ?? []), i]);
  });
  // Candidates that could still be dropped: once none is left, nothing more needs reading (in a
  // file of model code every candidate is kept on its own merit, and its words are never read).
  let open = candidates.filter((c, i) => c.name && !kept[i]).length;
  if (open === 0) return kept;
  const work: number[] = [];
  /** A word (hash, start, length) names these candidates: keep them. */
  const refer = (hash: number, start: number, length: number) => {
    const same = byHash.get(hash);
    if (!same) return;
    for (const j of same) {
      const name = candidates[j]!.name;
      if (!kept[j] && name.length === length && text.startsWith(name, start)) {
        kept[j] = true;
        open--;
        work.push(j);
      }
    }
  };
  // References from the top level (and from what only looked like candidates)…
  for (let r = 0; r < refs.length && open > 0; r += 3) refer(refs[r]!, refs[r + 1]!, refs[r + 2]!);
  for (let r = 0; r < rescan.length && open > 0; r += 2) wordsIn(text, js, rescan[r]!, rescan[r + 1]!, refer);
  // …and from every candidate kept, on its own merit or because it is named, until nothing changes.
  kept.forEach((k, j) => k && work.push(j));
  for (let w = work.pop(); w !== undefined && open > 0; w = work.pop()) wordsIn(text, js, candidates[w]!.start, candidates[w]!.end, refer);
  return kept;
}

/** Each word in text[start, end) (a stretch of whole top-level statements, read once already). */
function wordsIn(text: string, js: boolean, start: number, end: number, visit: (hash: number, start: number, length: number) => void): void {
  const tokens = new Tokens(text, js, start);
  for (let k = tokens.next(); k !== Tok.End && tokens.start < end; k = tokens.next()) {
    if (k === Tok.Word) visit(tokens.hash, tokens.start, tokens.end - tokens.start);
  }
}
