// tf.matMul / tf.dot / `a @ b`: the inner dimensions must agree (after transposeA / transposeB).
import type { LintRule } from '../../src/lint/rule.js';
import type { Dim, Shape } from '../../src/shape/dim.js';
import { code, fmt, isPython } from '../../src/lint/words.js';

/** The contracted dims of a and b: last of a (or second-last if transposed), first-of-last-two of b. */
function inner(a: Shape, b: Shape, tA: boolean, tB: boolean): [Dim, Dim] {
  const ia = a.length === 1 ? a[0]! : tA ? a[a.length - 2]! : a[a.length - 1]!;
  const ib = b.length === 1 ? b[0]! : tB ? b[b.length - 1]! : b[b.length - 2]!;
  return [ia, ib];
}

const fits = (a: Shape, b: Shape, tA: boolean, tB: boolean) => {
  const [x, y] = inner(a, b, tA, tB);
  return typeof x === 'number' && x === y;
};

export const matmulShapeMismatch: LintRule = {
  id: 'matmul-shape-mismatch',
  description: 'Inner dimensions of a matrix product must agree',
  severity: 'error',
  docs: 'docs/rules/matmul-shape-mismatch.md',
  check(ctx) {
    const py = isPython(ctx.file.filePath);
    for (const ev of ctx.file.events) {
      if (ev.kind !== 'matmul' || ev.transposeA === null || ev.transposeB === null) continue;
      const a = ev.a.shape;
      const b = ev.b.shape;
      if (!a || !b || a.length === 0 || b.length === 0) continue;
      const [x, y] = inner(a, b, ev.transposeA, ev.transposeB);
      if (typeof x !== 'number' || typeof y !== 'number' || x === y) continue;
      const A = ev.a.label;
      const B = ev.b.label;
      const fixes = [];
      const call = (tA: boolean, tB: boolean) =>
        py ? `tf.matmul(${A}, ${B}${tA ? ', transpose_a=True' : ''}${tB ? ', transpose_b=True' : ''})` : `tf.matMul(${A}, ${B}, ${tA}, ${tB})`;
      if (a.length >= 2 && b.length >= 2) {
        for (const [tA, tB] of [[ev.transposeA, !ev.transposeB], [!ev.transposeA, ev.transposeB]] as const) {
          if (!fits(a, b, tA, tB)) continue;
          const [name, on] = tB !== ev.transposeB ? [B, tB] : [A, tA];
          fixes.push({ expression: call(tA, tB), description: on ? `transpose ${name}` : `do not transpose ${name}` });
        }
        if (fits(b, a, false, false) && !ev.transposeA && !ev.transposeB) fixes.push({ expression: py ? `tf.matmul(${B}, ${A})` : `tf.matMul(${B}, ${A})`, description: 'swap the operands' });
      }
      const flags = [ev.transposeA ? 'transposeA' : '', ev.transposeB ? 'transposeB' : ''].filter(Boolean).join(', ');
      ctx.report({
        message: `${ev.call}: ${code(A)} is ${fmt(a)} and ${code(B)} is ${fmt(b)}${flags ? ` (with ${flags})` : ''}: the inner dimensions ${x} and ${y} differ`,
        span: ev.span,
        related: [ev.a, ev.b].filter((t) => t.span).map((t) => ({ message: `${code(t.label)} is created here with shape ${fmt(t.shape!)}`, span: t.span! })),
        fixes,
      });
    }
  },
  examples: {
    valid: [
      {
        file: 'valid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const a = tf.randomNormal([3, 4]);
const b = tf.randomNormal([5, 4]);
const c = tf.matMul(a, b, false, true);
`,
      },
    ],
    invalid: [
      {
        file: 'invalid.ts',
        code: `import * as tf from '@tensorflow/tfjs';
const a = tf.randomNormal([3, 4]);
const b = tf.randomNormal([5, 4]);
const c = tf.matMul(a, b);
`,
        errors: [{ line: 4, column: 11, message: 'the inner dimensions 4 and 5 differ' }],
      },
      {
        file: 'invalid.py',
        code: `import tensorflow as tf
W = tf.random.normal((10, 784))
x = tf.random.normal((32, 784))
h = W @ x
`,
        errors: [{ line: 4, column: 5, message: '`W` is [10×784] and `x` is [32×784]' }],
      },
    ],
  },
};
