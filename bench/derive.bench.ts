// Derivation speed: all weights and biases of an L-layer MLP loss, L = 1 … 64 (issue 3).
// Time and result size should grow linearly; SymPy's matrix-expression derivative of the linear
// version of the same loss is timed in the same run when python3 has sympy.
import { spawnSync } from 'node:child_process';
import { analyze } from '../src/expr/analyze.js';
import { topoOrder } from '../src/expr/expr.js';
import { deriveAll } from '../src/calculus/derive.js';
import { medianMs, table } from './util.js';

export function mlp(layers: number, activation = 'sigmoid'): { text: string; shapes: Record<string, string[]>; wrt: string[] } {
  let a = 'X';
  const shapes: Record<string, string[]> = { X: ['d0', 'batch'], T: [`d${layers}`, 'batch'] };
  const wrt: string[] = [];
  for (let l = 1; l <= layers; l++) {
    shapes[`W${l}`] = [`d${l}`, `d${l - 1}`];
    shapes[`b${l}`] = [`d${l}`];
    wrt.push(`W${l}`, `b${l}`);
    const z = `W${l}*${a} + b${l}`;
    a = activation ? `${activation}(${z})` : `(${z})`;
  }
  return { text: `0.5*sum((${a} - T).^2)`, shapes, wrt };
}

function deriveOnce(layers: number, activation = 'sigmoid'): number {
  const m = mlp(layers, activation);
  const a = analyze(m.text, { shapes: m.shapes });
  const d = deriveAll(a, { wrt: m.wrt });
  return topoOrder(d.derivatives.map((k) => k.expr)).length;
}

function sympyTimes(levels: number[]): Map<number, number> | string {
  const probe = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'sympy not available: skipped';
  const script = `
import sys, time
from sympy import MatrixSymbol, symbols, Symbol, Trace
from sympy import ones as _o
for L in [int(x) for x in sys.argv[1:]]:
    n = Symbol('n')
    X = MatrixSymbol('X', n, n); T = MatrixSymbol('T', n, n)
    Ws = [MatrixSymbol('W%d' % l, n, n) for l in range(1, L + 1)]
    bs = [MatrixSymbol('b%d' % l, n, n) for l in range(1, L + 1)]
    a = X
    for W, b in zip(Ws, bs):
        a = W * a + b
    r = a - T
    E = Trace(r.T * r)
    t0 = time.perf_counter()
    for v in Ws + bs:
        E.diff(v)
    print(L, time.perf_counter() - t0, flush=True)
`;
  const out = new Map<number, number>();
  const r = spawnSync('python3', ['-c', script, ...levels.map(String)], { encoding: 'utf8', timeout: 60_000 });
  for (const line of (r.stdout ?? '').trim().split('\n')) {
    const [l, t] = line.split(' ');
    if (l && t) out.set(Number(l), Number(t) * 1000);
  }
  return out;
}

export default async function run(): Promise<void> {
  const levels = [1, 2, 4, 8, 16, 32, 64];
  const rows: (string | number)[][] = [];
  const t = new Map<number, number>();
  const size = new Map<number, number>();
  for (const L of levels) {
    size.set(L, deriveOnce(L));
    t.set(L, medianMs(() => deriveOnce(L), 15));
  }
  const lin = new Map<number, number>();
  for (const L of [4, 8, 16]) lin.set(L, medianMs(() => deriveOnce(L, ''), 5));
  const sym = sympyTimes([4, 8, 16]);
  for (const L of levels) {
    const prev = t.get(L / 2);
    const symT = typeof sym === 'string' ? undefined : sym.get(L);
    rows.push([
      String(L), t.get(L)!, size.get(L)!,
      prev ? (t.get(L)! / prev).toFixed(2) : '',
      size.get(L / 2) ? (size.get(L)! / size.get(L / 2)!).toFixed(2) : '',
      lin.get(L) ?? '', symT ?? '', symT && lin.get(L) ? `${(symT / lin.get(L)!).toFixed(0)}×` : '',
    ]);
  }
  console.log(table(['L', 'ms (median)', 'DAG nodes', 't(L)/t(L/2)', 'size ratio', 'linear ms', 'SymPy ms', 'SymPy / ours'], rows));
  if (typeof sym === 'string') console.log(sym);
  console.log(`targets: t(64)/t(32) ≤ 2.5, size(64)/size(32) ≤ 2.2, L = 64 under 200 ms — ${t.get(64)! < 200 && t.get(64)! / t.get(32)! <= 2.5 && size.get(64)! / size.get(32)! <= 2.2 ? 'met' : 'NOT met'}`);
}
