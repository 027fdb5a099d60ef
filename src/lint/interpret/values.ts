// Abstract values of the interpreter: what a variable may hold while we read model code.
// Anything we cannot know is `unknown`, and unknown values never lead to findings.
import type { Span } from '../../report/diagnostic.js';
import type { Dim, Shape } from '../../shape/dim.js';
import type { Declared, ModelIR, TensorInfo } from '../ir.js';
import type { LayerRule } from '../layer-rule.js';
import { UNKNOWN } from '../layer-rule.js';
import type { Expr, Stmt } from '../syntax.js';

export interface LayerValue {
  rule?: LayerRule;
  className: string;
  config: Record<string, unknown>;
  span: Span;
  declared?: Declared;
  /** InputLayer: declares the model input and adds no node. */
  isInput: boolean;
}

export interface ModelState {
  ir: ModelIR;
  /** How deep in may-not-run code (branches, loops) the model was created. */
  uncertainty: number;
  /** Sequential models: the node the next `add` attaches to. */
  tail?: number;
}

export type Val =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'list'; items: Val[] }
  | { t: 'dict'; entries: Map<string, Val> }
  /** A concrete tensor. `variable`: a weight that can be updated in place (tf.Variable, model weights). */
  | { t: 'tensor'; info: TensorInfo; variable: boolean }
  /** A model's list of weights (`model.trainable_weights`, `model.getWeights()`). */
  | { t: 'weights' }
  | { t: 'layer'; layer: LayerValue }
  /** A symbolic tensor of the functional API: a node of the layer graph. */
  | { t: 'sym'; node: number }
  | { t: 'model'; model: ModelState }
  | { t: 'func'; name: string; params: string[]; defaults: (Expr | undefined)[]; body: Stmt[]; scope: Scope; state: { called: boolean }; at: { a: number; b: number } }
  | { t: 'module'; path: string[] }
  | { t: 'builtin'; name: string }
  | { t: 'tape' }
  | { t: 'optimizer' }
  /** A Keras loss object (`keras.losses.BinaryCrossentropy()`): calling it gives a scalar. */
  | { t: 'loss'; name: string }
  | { t: 'unknown' };

export const unknown: Val = { t: 'unknown' };

export class Scope {
  private readonly vars = new Map<string, Val>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Val | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  /** Assign where the name already lives, else declare it here. */
  set(name: string, v: Val): void {
    let s: Scope | undefined = this;
    while (s) {
      if (s.vars.has(name)) {
        s.vars.set(name, v);
        return;
      }
      s = s.parent;
    }
    this.vars.set(name, v);
  }
  declare(name: string, v: Val): void {
    this.vars.set(name, v);
  }
  entries(): IterableIterator<[string, Val]> {
    return this.vars.entries();
  }
}

/** A config / constant value as layer rules see it: plain data, or UNKNOWN. */
export function toConfigValue(v: Val): unknown {
  switch (v.t) {
    case 'num':
    case 'str':
    case 'bool':
      return v.v;
    case 'none':
      return null;
    case 'list':
      return v.items.map(toConfigValue);
    case 'dict':
      return Object.fromEntries([...v.entries].map(([k, x]) => [k, toConfigValue(x)]));
    case 'layer':
      // A wrapped layer (`Bidirectional(LSTM(64))`, `timeDistributed({layer: dense(…)})`).
      return { nestedLayer: { className: v.layer.className, config: v.layer.config } };
    default:
      return UNKNOWN;
  }
}

/** A shape written as data: `[100, 10]`, `(100,)`, or a bare int (Keras `input_shape=(100)`). */
export function toShape(v: Val): Dim[] | undefined {
  if (v.t === 'num') return [v.v];
  if (v.t !== 'list') return undefined;
  return v.items.map((d) => (d.t === 'num' && Number.isInteger(d.v) && d.v > 0 ? d.v : null));
}

/** Shape of a nested array literal (`[[1, 2], [3, 4]]` → [2, 2]); undefined if ragged or not data. */
export function nestedShape(v: Val): Shape | undefined {
  if (v.t === 'num' || v.t === 'bool') return [];
  if (v.t !== 'list') return undefined;
  if (v.items.length === 0) return [0];
  const inner = nestedShape(v.items[0]!);
  if (!inner) return undefined;
  for (const item of v.items.slice(1)) {
    const s = nestedShape(item);
    if (!s || s.length !== inner.length || s.some((d, i) => d !== inner[i])) return undefined;
  }
  return [v.items.length, ...inner];
}

export function num(v: Val | undefined): number | undefined {
  return v?.t === 'num' ? v.v : undefined;
}

export function tensor(info: TensorInfo, variable = false): Val {
  return { t: 'tensor', info, variable };
}
