// Regular expression literals for the subset scanner. TypeScript checks a literal's pattern as it
// parses (and reports what it finds as syntax errors), so the subset reads only patterns simple
// enough that both certainly agree: ASCII, common escapes, classes, groups, lookaround,
// quantifiers, flags `dgimsuy` once each. V8 then must accept the pattern too (compiling a
// pattern runs nothing). Anything else is not ours: named groups, backreferences, `\u`, `\x`,
// `\p`, the `v` flag, a lone `{` or `]`.

/** Escapes that stand for themselves or a character class in every mode. */
const ESCAPES = new Set('dDwWsSbBnrtfv0\\/.*+?()[]{}|^$-'.split(''));

/**
 * The end of the regular expression literal starting at `start` (its `/`), after its flags; or -1
 * when it is outside the subset (or no literal at all).
 */
export function regexEnd(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  let atomEnds = false; // whether a quantifier may follow (it quantifies something)
  for (;;) {
    const c = text[i];
    if (c === undefined || c === '\n' || c === '\r' || c.charCodeAt(0) > 126 || c.charCodeAt(0) < 32) return -1;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined || !ESCAPES.has(e) || (e === '0' && /[0-9]/.test(text[i + 2] ?? ''))) return -1;
      i += 2;
      atomEnds = true;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        atomEnds = true;
      } else if (c === '[') return -1;
      i++;
      continue;
    }
    if (c === '/') break;
    if (c === '[') {
      inClass = true;
      if (text[i + 1] === ']' || text.startsWith('^]', i + 1)) return -1; // `[]`, `[^]`: legal, but rare enough to leave
      i++;
      continue;
    }
    if (c === ']' || c === '}') return -1;
    if (c === '(') {
      if (text[i + 1] === '?' && !/^\?(?::|=|!|<=|<!)/.test(text.slice(i + 1, i + 4))) return -1; // named groups, modifiers
      i += text[i + 1] === '?' ? (text[i + 2] === '<' ? 4 : 3) : 1;
      atomEnds = false;
      continue;
    }
    if (c === '{') {
      const m = /^\{\d+(,\d*)?\}\??/.exec(text.slice(i, i + 24));
      if (!m || !atomEnds) return -1;
      i += m[0].length;
      atomEnds = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (!atomEnds) return -1;
      i += text[i + 1] === '?' ? 2 : 1;
      atomEnds = false;
      continue;
    }
    atomEnds = c !== '|' && c !== '^';
    i++;
  }
  const body = text.slice(start + 1, i);
  if (body === '') return -1;
  let j = i + 1;
  while (/[a-zA-Z0-9_$]/.test(text[j] ?? '')) j++;
  const flags = text.slice(i + 1, j);
  if (!/^[dgimsuy]*$/.test(flags) || new Set(flags).size !== flags.length) return -1;
  try {
    new RegExp(body, flags);
  } catch {
    return -1;
  }
  return j;
}
