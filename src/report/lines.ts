// Text pieces that several reporters print the same way.

import type { Fix } from './diagnostic.js';

/** A message on one line: line breaks (and the indentation after them) folded to one space. */
export function oneLine(message: string): string {
  return message.replace(/[ \t]*\r?\n\s*/g, ' ').trim();
}

/** `fix: W' * x  [n×1]  (transpose W)`: a candidate fix as plain text, for annotations and SARIF. */
export function fixText(fix: Fix): string {
  const shape = fix.shape ? `  ${fix.shape}` : '';
  const why = fix.description ? `  (${fix.description})` : '';
  return `fix: ${fix.expression}${shape}${why}`;
}
