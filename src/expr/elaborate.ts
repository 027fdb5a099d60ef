// Elaboration: shape inference over the syntax tree (unifying symbolic dims), diagnostics for
// every independent mismatch with verified fixes, then lowering to shaped Expr nodes.
//
// Inference and lowering are two passes because a dim is only known once every use has been
// unified: in `W*h + b` the rows of an undeclared `b` come from `W`.

import { formatShape, GREEK_LETTERS, type Dim } from '../shape/dim.js';
import { DimTable, type DimRef, type MatType } from '../shape/unify.js';
import { LineMap, type Diagnostic, type Fix, type Severity } from '../report/diagnostic.js';
import { childCount, postOrder, type Ast } from './ast.js';
import { ExprBuilder, type DimValue, type Expr } from './expr.js';
import { CONSTRUCTORS, dimPositions, integerLiteral, lower } from './lower.js';
import { functionNames, inferShape, opSpec, type ShapeOutcome } from './ops.js';
import { didYouMean } from './typo.js';

type Type = MatType | 'error';

interface PendingDiagnostic {
  severity: Severity;
  ruleId: string;
  start: number;
  end: number;
  message: () => string;
  notes?: () => string[];
  fixes?: Array<{ expression: string; type: MatType }>;
}

export interface VariableInfo {
  shape: [DimValue, DimValue];
  declared: boolean;
  symmetric?: boolean;
}

export interface Elaborated {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Names assumed symmetric that the expression never used. */
  unusedAssumptions: string[];
  /** Explanations that are not problems: what was broadcast. */
  notes: string[];
  variables: Map<string, VariableInfo>;
  functions: Map<string, [DimValue, DimValue]>;
  builder: ExprBuilder;
  /** Shape of an AST node that was checked without error. */
  shapeOf(node: Ast): [DimValue, DimValue] | undefined;
  /** The shaped expression of a checked AST (throws if it had errors). */
  lower(node: Ast): Expr;
  /** The expression a defined name stands for. */
  definition(name: string): Expr | undefined;
}

/** Longest operand text quoted in a message before it is shortened with `…`. */
const MAX_QUOTE = 41;
/** Broadcast notes kept (a long sum can broadcast at every `+`). */
const MAX_NOTES = 20;

const GREEK = new RegExp(`^[${GREEK_LETTERS}]`, 'u');

export class Elaborator {
  readonly table = new DimTable(true);
  /**
   * Types of checked nodes: each check() appends its post-order and the types in the same
   * order; the Map by node is only built when someone asks (shapeOf). A Map set per node was
   * the largest cost of checking a 100k-node input.
   */
  private readonly checked: Array<{ order: Ast[]; types: Type[] }> = [];
  private typeIndex: Map<Ast, Type> | null = null;
  private readonly vars = new Map<string, { type: MatType; declared: boolean; symmetric?: boolean }>();
  private readonly assumed = new Set<string>();
  private readonly fns = new Map<string, MatType>();
  private readonly defs = new Map<string, { ast: Ast; type: Type }>();
  private readonly pending: PendingDiagnostic[] = [];
  private readonly broadcastNotes: Array<() => string> = [];
  private source = '';
  private offset = 0;

  constructor(private readonly lineMap: LineMap) {}

  /** Declare a variable's shape: [] scalar, [n] column vector, [m, n] matrix. */
  declareVariable(name: string, dims: readonly Dim[], options: { symmetric?: boolean } = {}): void {
    const t = this.typeFromDims(dims);
    const v: { type: MatType; declared: boolean; symmetric?: boolean } = { type: t, declared: true };
    if (options.symmetric) v.symmetric = true;
    this.vars.set(name, v);
  }

  /**
   * A variable whose shape is inferred but whose values are symmetric (`--assume S=symmetric`
   * without `--shape S`): it is square, with one fresh dim for both sides.
   */
  assumeSymmetric(name: string): void {
    const v = this.vars.get(name);
    if (v) v.symmetric = true;
    else this.assumed.add(name);
  }

  /** Names assumed symmetric that no expression used (a typo in --assume, most likely). */
  unusedAssumptions(): string[] {
    return [...this.assumed].filter((n) => !this.vars.has(n));
  }

  declareFunction(name: string, argDims: readonly Dim[]): void {
    this.fns.set(name, this.typeFromDims(argDims));
  }

  isDeclared(name: string): boolean {
    return this.vars.has(name) || this.fns.has(name) || this.defs.has(name);
  }

  /** Infer the shapes of one expression; `source` is the text its offsets refer to (relative to `offset` in the file). */
  check(ast: Ast, source: string, offset = 0): Type {
    this.source = source;
    this.offset = offset;
    const order = postOrder(ast);
    const dims = dimPositions(ast, order);
    const hasDims = dims.size > 0;
    const types: Type[] = [];
    // Post-order with a stack of the children's types, as in lower(): no lookup by node.
    const stack: Type[] = [];
    for (const node of order) {
      const n = childCount(node);
      const base = stack.length - n;
      // A dim position (an argument of ones/zeros/eye) has no type; 'error' keeps it out of shapeOf.
      const t: Type = hasDims && dims.has(node) ? 'error' : this.infer(node, (i) => stack[base + i]!);
      for (let i = 0; i < n; i++) stack.pop();
      stack.push(t);
      types.push(t);
    }
    this.checked.push({ order, types });
    this.typeIndex = null;
    return stack[0]!;
  }

  /** The type a checked node got (undefined for nodes never checked). */
  private typeOf(node: Ast): Type | undefined {
    if (!this.typeIndex) {
      this.typeIndex = new Map();
      for (const { order, types } of this.checked) for (let i = 0; i < order.length; i++) this.typeIndex.set(order[i]!, types[i]!);
    }
    return this.typeIndex.get(node);
  }

  /** `name = expr`: later expressions may use `name`. */
  define(name: string, ast: Ast, source: string, offset = 0): Type {
    const t = this.check(ast, source, offset);
    this.defs.set(name, { ast, type: t });
    return t;
  }

  /** Unify a checked expression with a required type (a claim must have W's shape). */
  requireShape(t: Type, want: MatType): boolean {
    if (t === 'error') return false;
    const m = this.table.mark();
    if (this.table.unify(t[0], want[0]) && this.table.unify(t[1], want[1])) return true;
    this.table.rollback(m);
    return false;
  }

  typeOfVariable(name: string): MatType | undefined {
    return this.vars.get(name)?.type;
  }

  /** Format a type with the names dims will get. */
  formatType(t: MatType): string {
    return formatShape([this.dimName(t[0]), this.dimName(t[1])]);
  }

  finish(): Elaborated {
    this.nameFreeDims();
    const diagnostics = this.pending.map((p) => this.materialize(p));
    const builder = new ExprBuilder();
    const variables = new Map<string, VariableInfo>();
    for (const [name, v] of this.vars) {
      const info: VariableInfo = { shape: [this.dimName(v.type[0]), this.dimName(v.type[1])], declared: v.declared };
      if (v.symmetric) info.symmetric = true;
      variables.set(name, info);
    }
    const functions = new Map<string, [DimValue, DimValue]>();
    for (const [name, t] of this.fns) functions.set(name, [this.dimName(t[0]), this.dimName(t[1])]);
    const lowered = new Map<string, Expr>();
    const varNodes = new Map<string, Expr>();
    const ctx = {
      ident: (name: string): Expr => {
        const def = this.defs.get(name);
        if (def) {
          let e = lowered.get(name);
          if (!e) {
            e = lower(def.ast, builder, ctx);
            lowered.set(name, e);
          }
          return e;
        }
        // One lookup per name, not one hash-consing key per occurrence.
        let e = varNodes.get(name);
        if (!e) {
          const v = variables.get(name)!;
          e = builder.variable(name, v.shape[0], v.shape[1]);
          varNodes.set(name, e);
        }
        return e;
      },
      dim: (node: Ast): DimValue => (node.kind === 'num' ? node.value : node.kind === 'ident' ? node.name : 1),
    };
    return {
      ok: !diagnostics.some((d) => d.severity === 'error'),
      diagnostics,
      unusedAssumptions: this.unusedAssumptions(),
      notes: this.notes(),
      variables,
      functions,
      builder,
      shapeOf: (node) => {
        const t = this.typeOf(node);
        return t && t !== 'error' ? [this.dimName(t[0]), this.dimName(t[1])] : undefined;
      },
      lower: (node) => lower(node, builder, ctx),
      definition: (name) => (this.defs.has(name) && this.defs.get(name)!.type !== 'error' ? ctx.ident(name) : undefined),
    };
  }

  /** Broadcast notes, each once, at most MAX_NOTES of them and a count of the rest. */
  private notes(): string[] {
    const unique = [...new Set(this.broadcastNotes.slice(0, 10 * MAX_NOTES).map((n) => n()))];
    const rest = this.broadcastNotes.length - Math.min(this.broadcastNotes.length, 10 * MAX_NOTES) + Math.max(0, unique.length - MAX_NOTES);
    const kept = unique.slice(0, MAX_NOTES);
    if (rest > 0) kept.push(`… and ${rest} more broadcast${rest === 1 ? '' : 's'}`);
    return kept;
  }

  // ---- inference of one node ----

  /** `child(i)`: the type of the node's i-th child, already inferred. */
  private infer(node: Ast, child: (i: number) => Type): Type {
    switch (node.kind) {
      case 'num':
        return this.scalar();
      case 'paren':
        return child(0);
      case 'ident':
        return this.identType(node);
      case 'neg':
        return child(0);
      case 'transpose': {
        const a = child(0);
        return a === 'error' ? a : [a[1], a[0]];
      }
      case 'binary':
        return this.binaryType(node, child(0), child(1));
      case 'call':
        return this.callType(node, child);
    }
  }

  /** `A : [m×n]` for both operands of a binary node: the note under a mismatch. */
  private operandNotes(node: Extract<Ast, { kind: 'binary' }>, l: MatType, r: MatType): () => string[] {
    const ls = this.shown(node.left);
    const rs = this.shown(node.right);
    return () => [`${ls} : ${this.formatType(l)}`, `${rs} : ${this.formatType(r)}`];
  }

  private scalar(): MatType {
    return [this.table.size(1), this.table.size(1)];
  }

  private unifyScalar(t: MatType): boolean {
    const m = this.table.mark();
    if (this.table.unify(t[0], this.table.size(1)) && this.table.unify(t[1], this.table.size(1))) return true;
    this.table.rollback(m);
    return false;
  }

  private isScalar(t: MatType): boolean {
    return this.table.isOne(t[0]) && this.table.isOne(t[1]);
  }

  private typeFromDims(dims: readonly Dim[]): MatType {
    if (dims.length === 0) return this.scalar();
    if (dims.length === 1) return [this.table.of(dims[0]!), this.table.size(1)];
    return [this.table.of(dims[0]!), this.table.of(dims[1]!)];
  }

  private identType(node: Extract<Ast, { kind: 'ident' }>): Type {
    const def = this.defs.get(node.name);
    if (def) return def.type;
    const v = this.vars.get(node.name);
    if (v) return v.type;
    if (functionNames.has(node.name) || CONSTRUCTORS.has(node.name)) {
      this.report('error', 'unknown-name', node, () => `'${node.name}' is a function: call it as ${node.name}(…)`);
      return 'error';
    }
    // Undeclared: uppercase a matrix, Greek a scalar, anything else a column vector.
    if (this.assumed.has(node.name)) {
      // Assumed symmetric, shape inferred: square, one fresh dim for both sides.
      const d = this.table.fresh();
      const square: MatType = [d, d];
      this.vars.set(node.name, { type: square, declared: false, symmetric: true });
      return square;
    }
    const first = node.name[0]!;
    const type: MatType = GREEK.test(first)
      ? this.scalar()
      : first >= 'A' && first <= 'Z'
        ? [this.table.fresh(), this.table.fresh()]
        : [this.table.fresh(), this.table.size(1)];
    this.vars.set(node.name, { type, declared: false });
    return type;
  }

  private binaryType(node: Extract<Ast, { kind: 'binary' }>, l: Type, r: Type): Type {
    if (l === 'error' || r === 'error') return 'error';
    switch (node.op) {
      case '+':
      case '-':
        return this.apply(node.op === '+' ? 'add' : 'sub', node, [l, r]);
      case '.*':
        return this.apply('hadamard', node, [l, r]);
      case './':
        return this.apply('div', node, [l, r]);
      case '.^':
        return this.apply('pow', node, [l, r]);
      case '/':
        // `/` divides by a scalar: an undeclared divisor (`x / n`) becomes one, as any use
        // decides an undeclared name's dims; a declared non-scalar is an error.
        if (!this.isScalar(r) && !this.unifyScalar(r)) {
          this.report('error', 'shape-mismatch', node, () => `'/' divides by a scalar, but ${this.shown(node.right)} is ${this.formatType(r)}; use './' to divide elementwise`, this.operandNotes(node, l, r), this.tryFixes([() => ({ expression: `${this.operand(node.left)} ./ ${this.operand(node.right)}`, out: inferShape('div', [l, r], this.table) })]));
          return 'error';
        }
        return this.apply('div', node, [l, r]);
      case '^': {
        if (this.isScalar(l) && this.isScalar(r)) return this.apply('pow', node, [l, r]);
        const k = integerLiteral(node.right);
        // `W^T` is how papers write a transpose; here it is W'.
        if (node.right.kind === 'ident' && (node.right.name === 'T' || node.right.name === 'ᵀ') && !this.vars.get('T')?.declared) {
          const t: MatType = [l[1], l[0]];
          this.report('error', 'shape-mismatch', node, () => `'^T' is not a transpose here: shapegrad writes the transpose of ${this.shown(node.left)} as ${this.transposed(node.left)} (or with ᵀ)`, undefined, [{ expression: this.transposed(node.left), type: t }]);
          return 'error';
        }
        if (k === undefined || !this.isScalar(r)) {
          this.report('error', 'shape-mismatch', node, () => `'^' raises a square matrix to a literal integer power (or a scalar to a scalar); for entrywise powers use '.^'`, this.operandNotes(node, l, r), this.tryFixes([() => ({ expression: `${this.operand(node.left)} .^ ${this.operand(node.right)}`, out: inferShape('pow', [l, r], this.table) })]));
          return 'error';
        }
        return this.apply('mpow', node, [l]);
      }
      case '*':
        if (this.isScalar(l) || this.isScalar(r)) return this.isScalar(l) ? r : l;
        return this.apply('matmul', node, [l, r]);
    }
  }

  private callType(node: Extract<Ast, { kind: 'call' }>, child: (i: number) => Type): Type {
    const argTypes = node.args.map((_, i) => child(i));
    if (node.gradOf) {
      if (node.args.length !== 1) return this.arity(node, `∇${node.name}`, 1);
      const a = argTypes[0]!;
      if (a === 'error') return a;
      this.abstractArgument(node, a);
      return a;
    }
    if (CONSTRUCTORS.has(node.name)) {
      const want = node.name === 'eye' ? 1 : 2;
      if (node.args.length !== want) return this.arity(node, node.name, want);
      const ds: DimRef[] = [];
      for (const a of node.args) {
        if (a.kind === 'num' && Number.isSafeInteger(a.value) && a.value >= 1) ds.push(this.table.size(a.value));
        else if (a.kind === 'ident') ds.push(this.table.symbol(a.name));
        else {
          this.report('error', 'syntax', a, () => `the arguments of ${node.name} are dimensions: positive integers or symbols like m`);
          return 'error';
        }
      }
      return node.name === 'eye' ? [ds[0]!, ds[0]!] : [ds[0]!, ds[1]!];
    }
    const spec = functionNames.get(node.name);
    if (spec) {
      if (node.args.length !== 1) return this.arity(node, node.name, 1);
      const a = argTypes[0]!;
      if (a === 'error') return a;
      return this.apply(spec.name, node, [a]);
    }
    // An abstract scalar function, unless it looks like a typo of a built-in.
    const guess = didYouMean(node.name, [...functionNames.keys(), ...CONSTRUCTORS]);
    if (guess && !this.fns.has(node.name)) {
      this.report('warning', 'unknown-function', { start: node.start, end: node.nameEnd }, () => `unknown function '${node.name}' (did you mean '${guess}'?); treating it as an abstract scalar function`, undefined, undefined);
    }
    if (node.args.length !== 1) return this.arity(node, node.name, 1);
    const a = argTypes[0]!;
    if (a === 'error') return a;
    this.abstractArgument(node, a);
    return this.scalar();
  }

  private abstractArgument(node: Extract<Ast, { kind: 'call' }>, a: MatType): void {
    const declared = this.fns.get(node.name);
    if (!declared) {
      this.fns.set(node.name, a);
      return;
    }
    const m = this.table.mark();
    if (!(this.table.unify(declared[0], a[0]) && this.table.unify(declared[1], a[1]))) {
      this.table.rollback(m);
      this.report('error', 'shape-mismatch', node, () => `${node.name} takes an argument of shape ${this.formatType(declared)}, but ${this.shown(node.args[0]!)} is ${this.formatType(a)}`);
    }
  }

  private arity(node: Extract<Ast, { kind: 'call' }>, name: string, want: number): Type {
    // sum(X, 2) is numpy's habit: say how shapegrad writes row and column sums.
    const hint = (name === 'sum' || name === 'mean') && node.args.length === 2 ? ` (${name} takes every entry; sums along one axis are products with ones: X*ones(n, 1) sums each row, ones(1, m)*X each column)` : '';
    this.report('error', 'arity', node, () => `${name} takes ${want} argument${want === 1 ? '' : 's'}, got ${node.args.length}${hint}`);
    return 'error';
  }

  /** Apply an op's shape rule; on a mismatch report it (with fixes) and poison the node. */
  private apply(op: string, node: Ast, args: MatType[]): Type {
    const mark = this.table.mark();
    const out = inferShape(op, args, this.table);
    if (out.ok) {
      if (out.broadcast && node.kind === 'binary') this.noteBroadcast(node, args, out);
      return out.type;
    }
    this.table.rollback(mark);
    this.mismatch(op, node, args, out);
    return 'error';
  }

  private noteBroadcast(node: Extract<Ast, { kind: 'binary' }>, args: MatType[], out: Extract<ShapeOutcome, { ok: true }>): void {
    for (const b of out.broadcast!) {
      const operand = b.operand === 0 ? node.left : node.right;
      const other = b.operand === 0 ? node.right : node.left;
      const t = args[b.operand]!;
      if (this.isScalar(t)) continue; // a scalar with anything goes without saying
      const src = this.shown(operand);
      const otherSrc = this.shown(other);
      const along = b.axis === 1 ? 'columns' : 'rows';
      const otherType = args[1 - b.operand]!;
      this.broadcastNotes.push(() => `${src} ${this.formatType(t)} is broadcast across the ${this.dimName(otherType[b.axis])} ${along} of ${otherSrc} ${this.formatType(otherType)}`);
    }
  }

  private mismatch(op: string, node: Ast, args: MatType[], out: Extract<ShapeOutcome, { ok: false }>): void {
    const fmt = (t: MatType) => this.formatType(t);
    if (node.kind === 'binary' && (op === 'matmul' || op === 'add' || op === 'sub' || op === 'hadamard' || op === 'div' || op === 'pow')) {
      const [l, r] = args as [MatType, MatType];
      const ls = this.shown(node.left);
      const rs = this.shown(node.right);
      if (op === 'matmul') {
        this.report('error', 'shape-mismatch', node,
          () => `the product of ${fmt(l)} and ${fmt(r)} does not fit: ${ls} has ${count(this.dimName(l[1]), 'column')} but ${rs} has ${count(this.dimName(r[0]), 'row')} (${this.dimName(l[1])} ≠ ${this.dimName(r[0])})`,
          () => [`${ls} : ${fmt(l)}`, `${rs} : ${fmt(r)}`],
          this.productFixes(node, l, r));
      } else {
        const axis = out.axis;
        const word = axis === 0 ? 'rows' : 'columns';
        this.report('error', 'shape-mismatch', node,
          () => `${fmt(l)} and ${fmt(r)} do not fit for '${node.op}': ${this.dimName(l[axis])} ${word} vs ${this.dimName(r[axis])} ${word} (neither is 1, so they cannot broadcast)`,
          () => [`${ls} : ${fmt(l)}`, `${rs} : ${fmt(r)}`],
          this.elementwiseFixes(node, op, l, r));
      }
      return;
    }
    if (op === 'mpow' && node.kind === 'binary') {
      // `x^2` on a vector almost always meant the entrywise `x.^2`: say so and offer it.
      const a = args[0]!;
      const xs = this.shown(node.left);
      this.report('error', 'shape-mismatch', node,
        () => `'^' raises a square matrix to an integer power, but ${xs} is ${fmt(a)}; for entrywise powers use '.^'`,
        () => [`${xs} : ${fmt(a)}`],
        this.tryFixes([() => ({ expression: `${this.operand(node.left)} .^ ${this.operand(node.right)}`, out: inferShape('pow', [a, this.scalar()], this.table) })]));
      return;
    }
    const spec = opSpec(op);
    const arg = args[out.operand]!;
    const argNode = node.kind === 'call' ? node.args[out.operand] : node.kind === 'binary' ? node.left : undefined;
    const argSrc = argNode ? this.shown(argNode) : 'the operand';
    const need = op === 'mpow' ? 'a square matrix' : spec.shape.includes('[n,n]') ? 'a square matrix' : op === 'diag' ? 'a column vector or a square matrix' : `shape ${spec.shape.split('->')[0]!.trim()}`;
    this.report('error', 'shape-mismatch', node, () => `${spec.syntax.replace(/\(.*\)/, '')} needs ${need}, but ${argSrc} is ${fmt(arg)}`, () => [`${argSrc} : ${fmt(arg)}`]);
  }

  private productFixes(node: Extract<Ast, { kind: 'binary' }>, l: MatType, r: MatType) {
    const T = (t: MatType): MatType => [t[1], t[0]];
    const L = this.operand(node.left, '*');
    const R = this.operand(node.right, '*');
    const Lt = this.transposed(node.left);
    const Rt = this.transposed(node.right);
    return this.tryFixes([
      () => ({ expression: `${Lt}*${R}`, out: inferShape('matmul', [T(l), r], this.table) }),
      () => ({ expression: `${L}*${Rt}`, out: inferShape('matmul', [l, T(r)], this.table) }),
      () => ({ expression: `${Lt}*${Rt}`, out: inferShape('matmul', [T(l), T(r)], this.table) }),
      () => ({ expression: `${R}*${this.rightOperand(node.left)}`, out: inferShape('matmul', [r, l], this.table) }),
      () => ({ expression: `${L} .* ${R}`, out: this.sameShape(l, r) }),
    ]);
  }

  private elementwiseFixes(node: Extract<Ast, { kind: 'binary' }>, op: string, l: MatType, r: MatType) {
    const T = (t: MatType): MatType => [t[1], t[0]];
    const sym = node.op;
    // A transpose that only "fits" by broadcasting both sides (a column plus a row makes a
    // matrix) is not a fix: it silently builds an outer sum.
    const one = (out: ShapeOutcome): ShapeOutcome =>
      out.ok && new Set(out.broadcast?.map((b) => b.operand)).size === 2 ? { ok: false, operand: 1, axis: 0, expected: out.type[0] } : out;
    return this.tryFixes([
      () => ({ expression: `${this.transposed(node.left)} ${sym} ${this.operand(node.right, sym)}`, out: one(inferShape(op, [T(l), r], this.table)) }),
      () => ({ expression: `${this.operand(node.left, sym)} ${sym} ${this.transposed(node.right)}`, out: one(inferShape(op, [l, T(r)], this.table)) }),
    ]);
  }

  /** `.*` is only offered when both sides already have the same shape (no surprising broadcast). */
  private sameShape(l: MatType, r: MatType): ShapeOutcome {
    if (this.table.unify(l[0], r[0]) && this.table.unify(l[1], r[1])) return { ok: true, type: l };
    return { ok: false, operand: 1, axis: 0, expected: l[0] };
  }

  /** Each candidate is tried on the table and rolled back: a fix is a suggestion, not a decision. */
  private tryFixes(candidates: Array<() => { expression: string; out: ShapeOutcome }>): Array<{ expression: string; type: MatType }> {
    const fixes: Array<{ expression: string; type: MatType }> = [];
    for (const c of candidates) {
      const m = this.table.mark();
      const { expression, out } = c();
      if (out.ok && !fixes.some((f) => f.expression === expression)) {
        // Record the shape as it is now: after rollback the refs still name the same dims.
        fixes.push({ expression, type: [this.snapshot(out.type[0]), this.snapshot(out.type[1])] });
      }
      this.table.rollback(m);
    }
    return fixes;
  }

  /** A dim ref that keeps its current meaning after a rollback. */
  private snapshot(d: DimRef): DimRef {
    const v = this.table.resolve(d);
    return v === undefined ? this.table.find(d) : this.table.of(v);
  }

  // ---- source text helpers for messages and fixes ----

  private src(a: Ast): string {
    return this.source.slice(a.start, a.end);
  }

  /**
   * Source of a node for a message: fixes need the whole text, but a message or a note quoting a
   * 1 MB operand (once per broadcast in `A + b + b + …`) would be unreadable and quadratic.
   */
  private shown(a: Ast): string {
    // Messages are one line: an operand written over several lines is quoted on one.
    const one = (t: string) => t.replace(/\s+/g, ' ');
    if (a.end - a.start <= MAX_QUOTE) return one(this.source.slice(a.start, a.end));
    const half = (MAX_QUOTE - 1) >> 1;
    return one(`${this.source.slice(a.start, a.start + half)}…${this.source.slice(a.end - half, a.end)}`);
  }

  /** Source of an operand, parenthesised when it binds looser than `op`. */
  private operand(a: Ast, op = '*'): string {
    const s = this.src(a);
    const loose = a.kind === 'binary' && (a.op === '+' || a.op === '-' || (op !== '+' && op !== '-' && op !== '*' && op !== '.*' && a.op !== '^' && a.op !== '.^'));
    return loose || a.kind === 'neg' ? `(${s})` : s;
  }

  /**
   * Source of an operand moved to the right of `*` (the swap fix): `*` is left-associative, so
   * any binary operand but a power needs parentheses there (`C*(A ./ B)`, not `C*A ./ B`).
   */
  private rightOperand(a: Ast): string {
    const s = this.src(a);
    return (a.kind === 'binary' && a.op !== '^' && a.op !== '.^') || a.kind === 'neg' ? `(${s})` : s;
  }

  private transposed(a: Ast): string {
    if (a.kind === 'transpose') return this.operand(a.arg, "'");
    const s = this.src(a);
    return a.kind === 'ident' || a.kind === 'call' || a.kind === 'paren' || a.kind === 'num' ? `${s}'` : `(${s})'`;
  }

  private report(severity: Severity, ruleId: string, at: { start: number; end: number }, message: () => string, notes?: () => string[], fixes?: Array<{ expression: string; type: MatType }>): void {
    const p: PendingDiagnostic = { severity, ruleId, start: at.start + this.offset, end: at.end + this.offset, message };
    if (notes) p.notes = notes;
    if (fixes && fixes.length > 0) p.fixes = fixes;
    this.pending.push(p);
  }

  private materialize(p: PendingDiagnostic): Diagnostic {
    const d: Diagnostic = { severity: p.severity, ruleId: p.ruleId, message: p.message(), span: this.lineMap.span(p.start, p.end) };
    if (p.notes) d.notes = p.notes();
    if (p.fixes) {
      d.fixes = p.fixes.map((f): Fix => ({ expression: f.expression, shape: this.formatType(f.type), dims: [this.dimName(f.type[0]), this.dimName(f.type[1])] }));
    }
    return d;
  }

  // ---- naming the dims nobody named ----

  private readonly freeNames = new Map<DimRef, string>();

  private dimName(d: DimRef): DimValue {
    const v = this.table.resolve(d);
    if (v !== undefined) return v;
    const root = this.table.find(d);
    let name = this.freeNames.get(root);
    if (name === undefined) {
      name = this.pickFreeName();
      this.freeNames.set(root, name);
    }
    return name;
  }

  /**
   * The next name no declared symbol and no named free dim uses. Incremental: rebuilding the
   * set of used names for every pick made `A1*A2*…*AN` (N free dims) quadratic.
   */
  private pickFreeName(): string {
    const free = (c: string) => !this.table.hasSymbol(c) && !this.usedFreeNames.has(c);
    let name = ['m', 'n', 'k', 'p', 'q', 'r', 's', 't', 'u', 'v'].find(free);
    while (name === undefined) {
      const c = `d${this.nextNumberedName++}`;
      if (free(c)) name = c;
    }
    this.usedFreeNames.add(name);
    return name;
  }

  private readonly usedFreeNames = new Set<string>();
  private nextNumberedName = 1;

  /** Name free dims in the order variables appeared, so `A*x` reports A:[m×n], x:[n×1]. */
  private nameFreeDims(): void {
    for (const v of this.vars.values()) {
      this.dimName(v.type[0]);
      this.dimName(v.type[1]);
    }
  }
}

/** `1 column`, `n columns`. */
function count(d: DimValue, word: string): string {
  return `${d} ${word}${d === 1 ? '' : 's'}`;
}
