// An abstract interpreter over the common syntax: it walks statements in order, keeps what it
// can know about each variable (numbers, shapes, layers, models), and builds the Model IR as it
// goes. It never runs user code: calls it does not model give `unknown`, and so do variables
// assigned in code that may or may not run.
import type { LineMap, Span } from '../../report/diagnostic.js';
import type { Shape } from '../../shape/dim.js';
import type { LayerNode, ModelEvent, ModelFile, TensorInfo } from '../ir.js';
import { propagateInto, type Shapes } from '../propagate.js';
import { MODEL_API, namesRead, skipTrivia, type Expr, type Program, type Stmt, type Target } from '../syntax.js';
import { Args } from './args.js';
import { broadcastShapes, callMethod, callModule, callValue } from './tf-api.js';
import { Scope, unknown, type Val } from './values.js';

export interface InterpreterHost {
  text: string;
  lines: LineMap;
  file: ModelFile;
  /** Constants exported by another file of the project (`import { N } from './config.js'`), if resolvable. */
  importConstants(specifier: string): Map<string, Val> | undefined;
}

/** Module specifiers that mean "TensorFlow" (TF.js packages, Python tensorflow / keras, numpy). */
const MODULE_ROOTS: Record<string, string[]> = {
  '@tensorflow/tfjs': ['tf'],
  '@tensorflow/tfjs-node': ['tf'],
  '@tensorflow/tfjs-node-gpu': ['tf'],
  '@tensorflow/tfjs-core': ['tf'],
  '@tensorflow/tfjs-layers': ['tf'],
  tensorflow: ['tf'],
  keras: ['tf', 'keras'],
  numpy: ['np'],
};

/** Names that mean a module even without an import (snippets often omit it). */
const IMPLICIT_MODULES: Record<string, string[]> = { tf: ['tf'], keras: ['tf', 'keras'], np: ['np'] };
const BUILTINS = new Set(['zip', 'enumerate', 'range', 'len', 'list', 'tuple', 'print', 'int', 'float']);
/** Tensor methods that return a new tensor: an unused result is a lost update. */
export const UPDATE_METHODS = new Set(['sub', 'add', 'mul', 'div', 'subtract', 'multiply', 'divide']);
const MAX_CALL_DEPTH = 8;

type Flow = { returned: Val } | undefined;

export class Interpreter {
  private readonly shapes: Shapes = new Map();
  private depth = 0;
  /** Names assigned inside code that may not run; see `maybe`. */
  private readonly trackers: Map<string, boolean>[] = [];
  private readonly functions: Extract<Val, { t: 'func' }>[] = [];
  /** How many branches / loop bodies enclose the code being read. */
  uncertainty = 0;
  /** Set when a function returned from inside a conditional: its result is then unknown. */
  private uncertainReturn = false;

  constructor(readonly host: InterpreterHost, readonly language: 'typescript' | 'python') {}

  run(program: Program): Scope {
    const top = new Scope();
    this.exec(program.body, top);
    // Builder functions never called in this file still deserve a look, with unknown arguments.
    // Latest first: entry points (main, train) are usually defined after the builders they call,
    // so the builders then run with real arguments rather than unknown ones.
    // Functions that mention no model API (data helpers, metrics) cannot build anything we check.
    for (let i = this.functions.length - 1; i >= 0; i--) {
      const f = this.functions[i]!;
      // Unknown arguments, not the defaults: an exported builder may be called elsewhere with others.
      if (!f.state.called && MODEL_API.test(this.source(f.at))) this.callFunction(f, f.params.map(() => unknown));
    }
    return top;
  }

  // ---- helpers used by tf-api ----

  span(e: { a: number; b: number }): Span {
    const a = skipTrivia(this.host.text, e.a);
    return this.host.lines.span(a, Math.max(a, e.b));
  }

  /** Source text of a construct (without leading trivia). */
  source(e: { a: number; b: number }): string {
    return this.host.text.slice(skipTrivia(this.host.text, e.a), e.b);
  }

  label(e: { a: number; b: number }): string {
    const s = this.source(e).replace(/\s+/g, ' ');
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
  }

  emit(event: ModelEvent): void {
    this.host.file.events.push(event);
  }

  addNode(node: Omit<LayerNode, 'id'>): number {
    const id = this.host.file.nodes.length;
    this.host.file.nodes.push({ id, ...node });
    return id;
  }

  nodeShape(id: number): Shape | undefined {
    propagateInto(this.host.file, this.shapes);
    return this.shapes.get(id)?.shape;
  }

  newModelId(): number {
    return this.host.file.models.length;
  }

  // ---- statements ----

  exec(stmts: readonly Stmt[], scope: Scope): Flow {
    for (const s of stmts) {
      const flow = this.stmt(s, scope);
      if (flow) return flow;
    }
    return undefined;
  }

  private stmt(s: Stmt, scope: Scope): Flow {
    switch (s.k) {
      case 'assign': {
        const v = this.eval(s.value, scope);
        if (v.t === 'model' && s.target.k === 'name' && v.model.ir.label === 'model') v.model.ir.label = s.target.id;
        this.assign(s.target, v, scope, s.value);
        return undefined;
      }
      case 'expr':
        this.checkUnusedUpdate(s.e, scope);
        this.eval(s.e, scope);
        return undefined;
      case 'for':
        return this.forLoop(s, scope);
      case 'with':
        for (const item of s.items) {
          const v = this.eval(item.e, scope);
          if (item.as) this.assign(item.as, v, scope);
        }
        return this.exec(s.body, scope);
      case 'def': {
        const f = makeFunction(s.name, s, scope);
        this.functions.push(f);
        this.assign({ k: 'name', id: s.name, a: s.a, b: s.b }, f, scope);
        return undefined;
      }
      case 'return':
        return { returned: s.e ? this.eval(s.e, scope) : { t: 'none' } };
      case 'import':
        this.importStmt(s, scope);
        return undefined;
      case 'maybe':
        this.maybe(s.body, scope);
        return undefined;
    }
  }

  /** Code that may run or not (branches, loops): variables it reassigns are unknown afterwards. */
  private maybe(body: readonly Stmt[], scope: Scope): void {
    // name → whether it already had a value when the block first assigned it
    const assigned = new Map<string, boolean>();
    this.trackers.push(assigned);
    this.uncertainty++;
    let flow: Flow;
    try {
      flow = this.exec(body, scope);
    } finally {
      this.uncertainty--;
      this.trackers.pop();
    }
    if (flow) this.uncertainReturn = true;
    // A name created inside keeps its value (`if __name__ == '__main__': model = build()`);
    // a name that existed before may or may not have changed: unknown.
    for (const [name, existed] of assigned) if (existed) scope.set(name, unknown);
  }

  private forLoop(s: Extract<Stmt, { k: 'for' }>, scope: Scope): Flow {
    const element = elementOf(this.eval(s.iter, scope));
    this.assign(s.target, element, scope);
    this.checkDiscardedLoopUpdates(s, element);
    this.maybe(s.body, scope);
    return undefined;
  }

  private assign(target: Target, v: Val, scope: Scope, valueExpr?: Expr): void {
    switch (target.k) {
      case 'name': {
        let value = v;
        // Remember where a tensor got its name, for `related` locations in findings.
        if (v.t === 'tensor' && valueExpr && !v.info.span) value = { ...v, info: { ...v.info, span: this.span(valueExpr) } };
        for (const t of this.trackers) if (!t.has(target.id)) t.set(target.id, scope.has(target.id));
        scope.set(target.id, value);
        return;
      }
      case 'tuple':
        target.items.forEach((t, i) => this.assign(t, v.t === 'list' ? (v.items[i] ?? unknown) : unknown, scope));
        return;
      case 'props':
        for (const p of target.props) {
          const item = v.t === 'dict' ? (v.entries.get(p.key) ?? unknown) : v.t === 'module' ? { t: 'module' as const, path: [...v.path, p.key] } : unknown;
          this.assign(p.target, item, scope);
        }
        return;
      case 'other':
        return;
    }
  }

  private importStmt(s: Extract<Stmt, { k: 'import' }>, scope: Scope): void {
    const root = moduleRoot(s.from);
    const local = root ? undefined : this.host.importConstants(s.from);
    for (const n of s.names) {
      let v: Val = unknown;
      if (root) {
        if (n.imported === '*' ) v = { t: 'module', path: root };
        else if (n.imported === '*root') v = { t: 'module', path: moduleRoot(s.from.split('.')[0]!) ?? [n.local] };
        else if (n.imported === 'default') v = { t: 'module', path: root };
        else v = { t: 'module', path: [...root, n.imported] };
      } else if (local) {
        v = n.imported === '*' || n.imported === '*root' ? { t: 'dict', entries: local } : (local.get(n.imported) ?? unknown);
      }
      scope.set(n.local, v);
    }
  }

  // ---- the two discarded-update patterns ----

  /** `for W, g in zip(weights, grads): W = W - lr * g` rebinds the loop variable; the weight never changes. */
  private checkDiscardedLoopUpdates(s: Extract<Stmt, { k: 'for' }>, element: Val): void {
    const weightNames = new Set<string>();
    const collect = (t: Target, v: Val) => {
      if (t.k === 'name' && v.t === 'tensor' && v.variable) weightNames.add(t.id);
      if (t.k === 'tuple' && v.t === 'list') t.items.forEach((x, i) => collect(x, v.items[i] ?? unknown));
    };
    collect(s.target, element);
    s.body.forEach((st, i) => {
      if (st.k !== 'assign' || st.target.k !== 'name' || !weightNames.has(st.target.id)) return;
      const name = st.target.id;
      if (!namesRead([{ k: 'expr', e: st.value, a: 0, b: 0 }]).has(name)) return;
      if (namesRead(s.body.slice(i + 1)).has(name)) return; // the new value is used: not discarded
      this.emit({ kind: 'discarded-update', how: 'rebind', target: name, code: this.label(st), fix: this.updateFix(name, st.value), span: this.span(st) });
    });
  }

  private updateFix(name: string, value: Expr): string {
    const src = (e: Expr) => this.source(e);
    if (this.language === 'python') {
      if (value.k === 'bin' && value.left.k === 'name' && value.left.id === name && (value.op === '-' || value.op === '+')) {
        return `${name}.${value.op === '-' ? 'assign_sub' : 'assign_add'}(${stripParens(src(value.right))})`;
      }
      return `${name}.assign(${src(value)})`;
    }
    return `${name}.assign(${src(value)})`;
  }

  /** `w.sub(grad.mul(lr));` as a statement: the new tensor is dropped, `w` is unchanged. */
  private checkUnusedUpdate(e: Expr, scope: Scope): void {
    if (e.k !== 'call' || e.callee.k !== 'member' || !UPDATE_METHODS.has(e.callee.prop)) return;
    const obj = e.callee.obj;
    if (obj.k !== 'name') return;
    const v = scope.get(obj.id);
    if (v?.t !== 'tensor' || !v.variable) return;
    const code = this.source(e);
    this.emit({ kind: 'discarded-update', how: 'unused', target: obj.id, code: this.label(e), fix: `${obj.id}.assign(${code})`, span: this.span(e) });
  }

  // ---- expressions ----

  eval(e: Expr, scope: Scope): Val {
    switch (e.k) {
      case 'num':
        return { t: 'num', v: e.v };
      case 'str':
        return { t: 'str', v: e.v };
      case 'bool':
        return { t: 'bool', v: e.v };
      case 'none':
        return { t: 'none' };
      case 'name': {
        const v = scope.get(e.id);
        if (v) return v;
        if (IMPLICIT_MODULES[e.id]) return { t: 'module', path: IMPLICIT_MODULES[e.id]! };
        if (BUILTINS.has(e.id)) return { t: 'builtin', name: e.id };
        return unknown;
      }
      case 'list': {
        const items: Val[] = [];
        for (const x of e.items) {
          if (x.k !== 'spread') items.push(this.eval(x, scope));
          else {
            const v = this.eval(x.arg, scope);
            if (v.t !== 'list') return unknown; // spliced-in length unknown: so is the whole list
            items.push(...v.items);
          }
        }
        return { t: 'list', items };
      }
      case 'spread':
        this.eval(e.arg, scope);
        return unknown;
      case 'dict': {
        const entries = new Map<string, Val>();
        for (const en of e.entries) entries.set(en.name, this.eval(en.value, scope));
        return { t: 'dict', entries };
      }
      case 'member':
        return this.member(this.eval(e.obj, scope), e.prop);
      case 'index':
        return index(this.eval(e.obj, scope), this.eval(e.index, scope));
      case 'call':
        return this.call(e, scope);
      case 'bin':
        return this.binary(e, scope);
      case 'unary': {
        const v = this.eval(e.arg, scope);
        if (e.op === '-' && v.t === 'num') return { t: 'num', v: -v.v };
        if (e.op === '+' && v.t === 'num') return v;
        return unknown;
      }
      case 'func': {
        const f = makeFunction('<lambda>', e, scope);
        this.functions.push(f);
        return f;
      }
      case 'other':
        for (const p of e.parts) this.eval(p, scope);
        return unknown;
    }
  }

  private member(obj: Val, prop: string): Val {
    switch (obj.t) {
      case 'module':
        return { t: 'module', path: [...obj.path, prop] };
      case 'dict':
        return obj.entries.get(prop) ?? unknown;
      case 'list':
        return prop === 'length' ? { t: 'num', v: obj.items.length } : unknown;
      case 'tensor': {
        const shape = obj.info.shape;
        if (prop === 'shape' && shape) return { t: 'list', items: shape.map((d) => (typeof d === 'number' ? { t: 'num', v: d } : unknown)) };
        if ((prop === 'rank' || prop === 'ndim') && shape) return { t: 'num', v: shape.length };
        return unknown;
      }
      case 'model':
        if (['trainableWeights', 'trainable_weights', 'trainable_variables', 'trainableVariables', 'weights', 'variables'].includes(prop)) return { t: 'weights' };
        return unknown;
      default:
        return unknown;
    }
  }

  private binary(e: Extract<Expr, { k: 'bin' }>, scope: Scope): Val {
    const l = this.eval(e.left, scope);
    const r = this.eval(e.right, scope);
    if (l.t === 'num' && r.t === 'num') {
      const v = arithmetic(e.op, l.v, r.v);
      return v === undefined ? unknown : { t: 'num', v };
    }
    if (l.t === 'list' && r.t === 'list' && e.op === '+') return { t: 'list', items: [...l.items, ...r.items] };
    if (e.op === '@') {
      return callModule(this, ['tf', 'matmul'], new Args({ k: 'call', callee: e, args: [e.left, e.right], kwargs: [], a: e.a, b: e.b }, (x) => (x === e.left ? l : x === e.right ? r : unknown)), e, scope, '@');
    }
    if ((l.t === 'tensor' || r.t === 'tensor') && ['+', '-', '*', '/', '**'].includes(e.op)) {
      return elementwise(l, r, this.span(e));
    }
    return unknown;
  }

  private call(e: Extract<Expr, { k: 'call' }>, scope: Scope): Val {
    // CommonJS: `const tf = require('@tensorflow/tfjs')`.
    if (e.callee.k === 'name' && e.callee.id === 'require' && !scope.has('require') && e.args[0]?.k === 'str') {
      const root = moduleRoot(e.args[0].v);
      if (root) return { t: 'module', path: root };
    }
    const args = new Args(e, (x) => this.eval(x, scope));
    if (e.callee.k === 'member') {
      const obj = this.eval(e.callee.obj, scope);
      if (obj.t === 'module') return callModule(this, [...obj.path, e.callee.prop], args, e, scope);
      return callMethod(this, obj, e.callee.prop, args, e, scope);
    }
    const f = this.eval(e.callee, scope);
    if (f.t === 'module') return callModule(this, f.path, args, e, scope);
    return callValue(this, f, args, e, scope);
  }

  /** Run a user function (a model builder, a loss closure) with the given argument values. */
  callFunction(f: Extract<Val, { t: 'func' }>, argVals: (Val | undefined)[], kwargs?: Map<string, Val>): Val {
    f.state.called = true;
    if (this.depth >= MAX_CALL_DEPTH) return unknown;
    const scope = new Scope(f.scope);
    f.params.forEach((p, i) => {
      if (!p) return;
      // Argument, keyword argument, else the declared default (evaluated where the function lives).
      const given = argVals[i] ?? kwargs?.get(p);
      const fallback = f.defaults[i];
      scope.declare(p, given ?? (fallback && argVals.length <= i ? this.eval(fallback, f.scope) : unknown));
    });
    this.depth++;
    // A function body is certain relative to its call; its callers' branches do not leak in.
    const savedUncertainty = this.uncertainty;
    this.uncertainty = 0;
    const savedUncertain = this.uncertainReturn;
    this.uncertainReturn = false;
    try {
      const flow = this.exec(f.body, scope);
      if (this.uncertainReturn) return unknown;
      return flow ? flow.returned : { t: 'none' };
    } finally {
      this.uncertainReturn = savedUncertain;
      this.uncertainty = savedUncertainty;
      this.depth--;
    }
  }
}


/** Keeps the body lazy: reading `def.body` here would lower it. */
function makeFunction(name: string, def: { params: string[]; defaults?: (Expr | undefined)[]; a: number; b: number; readonly body: Stmt[] }, scope: Scope): Extract<Val, { t: 'func' }> {
  return {
    t: 'func', name, params: def.params, defaults: def.defaults ?? [], scope, state: { called: false }, at: { a: def.a, b: def.b },
    get body() { return def.body; },
  };
}

function moduleRoot(spec: string): string[] | undefined {
  if (MODULE_ROOTS[spec]) return MODULE_ROOTS[spec];
  const [head, ...rest] = spec.split('.');
  const root = MODULE_ROOTS[head!];
  return root ? [...root, ...rest.filter((p) => !(p === 'keras' && root.includes('keras')))] : undefined;
}

function stripParens(s: string): string {
  const t = s.trim();
  return t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1) : t;
}

function arithmetic(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : a / b;
    case '//': return b === 0 ? undefined : Math.floor(a / b);
    case '%': return b === 0 ? undefined : a % b;
    case '**': return a ** b;
    default: return undefined;
  }
}

export function index(obj: Val, i: Val): Val {
  if (obj.t === 'list' && i.t === 'num') {
    const k = i.v < 0 ? obj.items.length + i.v : i.v;
    return obj.items[k] ?? unknown;
  }
  if (obj.t === 'dict' && i.t === 'str') return obj.entries.get(i.v) ?? unknown;
  if (obj.t === 'weights') return { t: 'tensor', info: { label: 'weight', origin: 'unknown' }, variable: true };
  return unknown;
}

/** One representative element of an iterable (loops run their body once, with it). */
export function elementOf(v: Val): Val {
  if (v.t === 'weights') return { t: 'tensor', info: { label: 'weight', origin: 'unknown' }, variable: true };
  if (v.t === 'list' && v.items.length > 0) {
    const first = v.items[0]!;
    const same = v.items.every((x) => JSON.stringify(simplify(x)) === JSON.stringify(simplify(first)));
    if (same) return first;
    // `[W1, W2]` of different shapes: still a weight each time, of unknown shape.
    if (v.items.every((x) => x.t === 'tensor')) {
      const variable = v.items.every((x) => x.t === 'tensor' && x.variable);
      return { t: 'tensor', info: { label: 'element', origin: 'unknown' }, variable };
    }
    return unknown;
  }
  return unknown;
}

function simplify(v: Val): unknown {
  if (v.t === 'num' || v.t === 'str' || v.t === 'bool') return [v.t, v.v];
  if (v.t === 'tensor') return ['tensor', v.variable, v.info.shape ?? null];
  if (v.t === 'list') return v.items.map(simplify);
  return v.t;
}

/** `a - b`, `a * 0.5`, … on tensors: broadcast shapes when both are known. */
export function elementwise(l: Val, r: Val, span: Span): Val {
  const shapeOf = (v: Val): Shape | undefined => (v.t === 'tensor' ? v.info.shape : v.t === 'num' ? [] : undefined);
  const a = shapeOf(l);
  const b = shapeOf(r);
  const shape = a && b ? broadcastShapes(a, b) : undefined;
  const info: TensorInfo = shape ? { label: '', shape, span, origin: 'data' } : { label: '', span, origin: 'unknown' };
  return { t: 'tensor', info, variable: false };
}
