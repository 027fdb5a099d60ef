// Terminal cell widths. Span columns count UTF-16 units (what the parsers produce), but a
// terminal draws code points, some of them two cells wide and some zero: to put a caret under
// the right character and to align columns of text, count cells, not units.

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}/u;
const ZERO = /\p{Mn}|\p{Me}|[\u200B-\u200F\uFE00-\uFE0F]/u;

/** Cells taken by one code point (a tab is handled by the callers, who know the column). */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Cells taken by a string without tabs or newlines. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Pads `text` (plain, no ANSI codes) with spaces to `width` cells. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

export interface ExpandedLine {
  /** The line with tabs expanded to spaces. */
  text: string;
  /** `cells[u]` is the cell where UTF-16 unit `u` (0-based) starts; `cells[length]` is the end. */
  cells: number[];
}

/** Expands tabs to the next multiple of `tabWidth` and maps UTF-16 offsets to cells. */
export function expandLine(line: string, tabWidth = 4): ExpandedLine {
  let text = '';
  const cells: number[] = [];
  let cell = 0;
  for (const ch of line) {
    for (let u = 0; u < ch.length; u++) cells.push(cell);
    if (ch === '\t') {
      const next = (Math.floor(cell / tabWidth) + 1) * tabWidth;
      text += ' '.repeat(next - cell);
      cell = next;
    } else {
      text += ch;
      cell += charWidth(ch);
    }
  }
  cells.push(cell);
  return { text, cells };
}
