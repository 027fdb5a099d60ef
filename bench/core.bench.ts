// Parse + shape inference (+ lowering) of generated expressions of 1k, 10k and 100k AST nodes.
// Linear growth shows as ratios near 10; the target is under 50 ms at 10k nodes.
import { analyze } from '../src/expr/analyze.js';
import { postOrder } from '../src/expr/ast.js';
import { parse } from '../src/expr/parser.js';
import { GEN_SHAPES, generateExpression } from './expr-gen.js';
import { medianMs, table } from './util.js';

export default async function bench(): Promise<void> {
  const rows: (string | number)[][] = [];
  const times: number[] = [];
  // Warm the JIT first: otherwise the 1k row measures the interpreter and the ratios lie.
  const warm = generateExpression(10_000, 3);
  for (let i = 0; i < 30; i++) analyze(warm, { shapes: GEN_SHAPES });
  for (const n of [1_000, 10_000, 100_000]) {
    const text = generateExpression(n, 7);
    const nodes = postOrder(parse(text)).length;
    const check = analyze(text, { shapes: GEN_SHAPES });
    if (!check.ok) throw new Error(`generated expression does not check: ${check.diagnostics[0]?.message}`);
    const parseMs = medianMs(() => parse(text));
    const ms = medianMs(() => analyze(text, { shapes: GEN_SHAPES }), n >= 100_000 ? 9 : 21);
    const ratio = times.length > 0 ? (ms / times[times.length - 1]!).toFixed(1) : '';
    times.push(ms);
    rows.push([`${n / 1000}k`, nodes, text.length, parseMs, ms, ratio]);
  }
  console.log(table(['target', 'AST nodes', 'chars', 'parse ms', 'parse+infer ms', 'ratio to previous'], rows));
  console.log(`\nt(10k) = ${times[1]!.toFixed(1)} ms (target < 50 ms)`);
}
