// The table of operators and functions in docs/language.md, generated from rules/ops so that
// the documentation cannot drift from what the parser and the shape rules actually accept.

import { allOps } from '../../rules/ops/registry.js';
import type { OpSpec } from './op-spec.js';

export const OPS_START = '<!-- ops:start -->';
export const OPS_END = '<!-- ops:end -->';

const CATEGORY: Record<OpSpec['category'], string> = {
  operator: 'operator',
  elementwise: 'elementwise',
  reduction: 'reduction',
  'linear-algebra': 'linear algebra',
  constructor: 'constant',
  abstract: 'abstract',
};

/** How a shape rule reads in the table. */
function shapeCell(spec: OpSpec): string {
  switch (spec.shape) {
    case 'broadcast':
      return 'same shape, or numpy broadcasting';
    case 'diag':
      return '`X:[n,1] -> [n,n]` or `X:[n,n] -> [n,1]`';
    case 'constructor':
      return spec.name === 'eye' ? '`-> [n,n]`' : '`-> [r,c]`';
    default:
      return `\`${spec.shape}\``;
  }
}

function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** The Markdown table (header included, no markers), one row per op in registry order. */
export function opTableMarkdown(ops: readonly OpSpec[] = allOps): string {
  const rows = [
    '| Syntax | Also written | Kind | Shape rule | What it does | Example |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const o of ops) {
    const also = [...new Set([...(o.aliases ?? []), ...(o.unicode ? [o.unicode] : [])])]
      .map((a) => (o.category === 'elementwise' ? `${a}(X)` : a === 'grad_F' ? 'grad_F(X)' : a))
      .map(code)
      .join(', ');
    rows.push(`| ${code(o.syntax)} | ${also} | ${CATEGORY[o.category]} | ${shapeCell(o)} | ${o.doc.replace(/\|/g, '\\|')} | ${code(o.example)} |`);
  }
  return rows.join('\n');
}

/** `markdown` with the text between the ops markers replaced by the generated table. */
export function replaceOpTable(markdown: string, table = opTableMarkdown()): string {
  const start = markdown.indexOf(OPS_START);
  const end = markdown.indexOf(OPS_END);
  if (start < 0 || end < start) throw new Error(`the document has no ${OPS_START} … ${OPS_END} section`);
  return `${markdown.slice(0, start + OPS_START.length)}\n${table}\n${markdown.slice(end)}`;
}

/** The table currently between the markers, as written in the document. */
export function currentOpTable(markdown: string): string {
  const start = markdown.indexOf(OPS_START);
  const end = markdown.indexOf(OPS_END);
  if (start < 0 || end < start) throw new Error(`the document has no ${OPS_START} … ${OPS_END} section`);
  return markdown.slice(start + OPS_START.length, end).trim();
}
