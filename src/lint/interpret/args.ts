// Call arguments, evaluated lazily and at most once each (evaluating twice would build a layer
// twice). Knows both calling conventions: Python positionals + keywords, and the TF.js habit of
// one config object (`tf.layers.dense({units: 10})`, `model.fit(x, y, {epochs: 5})`).
import { normalizeConfigKey } from '../config-keys.js';
import type { Expr } from '../syntax.js';
import { unknown, type Val } from './values.js';

export type CallExpr = Extract<Expr, { k: 'call' }>;

export class Args {
  private readonly cache = new Map<Expr, Val>();
  constructor(
    readonly call: CallExpr,
    private readonly evaluate: (e: Expr) => Val,
  ) {}

  get count(): number {
    return this.call.args.length;
  }

  value(e: Expr): Val {
    let v = this.cache.get(e);
    if (v === undefined) {
      v = this.evaluate(e);
      this.cache.set(e, v);
    }
    return v;
  }

  /** Positional argument i (its expression and value). */
  pos(i: number): { e: Expr; v: Val } | undefined {
    const e = this.call.args[i];
    return e ? { e, v: this.value(e) } : undefined;
  }

  /**
   * A named argument: Python keyword `name=`, else the positional at `position`, else the key of a
   * TF.js config object at argument `objectAt`. Names compare in camelCase (`input_shape` = `inputShape`).
   */
  get(name: string, position?: number, objectAt?: number): { e: Expr; v: Val } | undefined {
    const key = normalizeConfigKey(name);
    const kw = this.call.kwargs.find((k) => normalizeConfigKey(k.name) === key);
    if (kw) return { e: kw.value, v: this.value(kw.value) };
    if (position !== undefined) {
      const p = this.call.args[position];
      if (p && !(objectAt === position && p.k === 'dict')) return { e: p, v: this.value(p) };
    }
    if (objectAt !== undefined) {
      const obj = this.call.args[objectAt];
      if (obj?.k === 'dict') {
        const entry = obj.entries.find((en) => normalizeConfigKey(en.name) === key);
        if (entry) return { e: entry.value, v: this.value(entry.value) };
      }
    }
    return undefined;
  }

  /** All keyword / config-object entries with normalized keys (config object at `objectAt`). */
  options(objectAt?: number): Map<string, { e: Expr; v: Val }> {
    const out = new Map<string, { e: Expr; v: Val }>();
    const obj = objectAt !== undefined ? this.call.args[objectAt] : undefined;
    if (obj?.k === 'dict') for (const en of obj.entries) out.set(normalizeConfigKey(en.name), { e: en.value, v: this.value(en.value) });
    for (const kw of this.call.kwargs) out.set(normalizeConfigKey(kw.name), { e: kw.value, v: this.value(kw.value) });
    return out;
  }

  /** Evaluate everything (calls we do not understand may still contain calls we do). */
  all(): void {
    for (const e of this.call.args) this.value(e);
    for (const k of this.call.kwargs) this.value(k.value);
  }

  valueOr(e: Expr | undefined): Val {
    return e ? this.value(e) : unknown;
  }
}
