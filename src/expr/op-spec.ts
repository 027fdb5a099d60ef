// The shape of an op's entry in rules/ops/: everything shapegrad knows about one operation,
// written in shapegrad's own notation so that a reader can check it by reading it.

export type OpCategory = 'operator' | 'elementwise' | 'reduction' | 'linear-algebra' | 'constructor' | 'abstract';

export interface OpSpec {
  /** Internal op id, also the function name for function-style ops. */
  name: string;
  category: OpCategory;
  /** How it is written: `A * B`, `sigmoid(X)`, `ones(r, c)`. */
  syntax: string;
  /** Other spellings accepted by the parser (`σ`). The first name is the one printed in ASCII. */
  aliases?: string[];
  /** Unicode spelling for printing (`σ`), when it differs. */
  unicode?: string;
  /**
   * Shape rule. Either a pattern over named dims, `A:[m,k], B:[k,n] -> [m,n]` (a dim that is a
   * number must be exactly that), or a special rule: `broadcast` (numpy broadcasting of two
   * operands), `diag` (vector ↔ diagonal matrix), `constructor` (dims are the arguments).
   */
  shape: string;
  /**
   * Vector–Jacobian rule for each operand, keyed by the operand names of `shape` (or A, B for
   * broadcast ops, X for diag). `G` is the cotangent (same shape as the result), `Y` the result
   * itself; dims named in `shape` may be used (`ones(m, n)`). `null`: the derivative is zero.
   * Contributions whose shape is broadcast are summed back to the operand's shape by the engine.
   */
  vjp?: Record<string, string | null>;
  /** One line of documentation. */
  doc: string;
  /** An example expression using it. */
  example: string;
}
