// Lookup tables over rules/ops, and the interpreter of their shape rules.

import { allOps } from '../../rules/ops/registry.js';
import type { DimRef, DimTable, MatType } from '../shape/unify.js';
import type { OpSpec } from './op-spec.js';

export type ShapeRule =
  | { kind: 'pattern'; params: Array<{ name: string; dims: [string | number, string | number] }>; result: [string | number, string | number] }
  | { kind: 'broadcast' }
  | { kind: 'diag' }
  | { kind: 'constructor' };

export const opsByName = new Map<string, OpSpec>(allOps.map((o) => [o.name, o]));

/** Function names the parser may meet, aliases included, mapped to the op. */
export const functionNames = new Map<string, OpSpec>();
for (const o of allOps) {
  if (o.category === 'operator' || o.category === 'abstract') continue;
  functionNames.set(o.name, o);
  for (const a of o.aliases ?? []) functionNames.set(a, o);
}

export function opSpec(name: string): OpSpec {
  const o = opsByName.get(name);
  if (!o) throw new Error(`no op named ${name}`);
  return o;
}

const shapeRules = new Map<string, ShapeRule>();
export function shapeRule(op: string): ShapeRule {
  let r = shapeRules.get(op);
  if (!r) {
    r = parseShapeRule(opSpec(op).shape);
    shapeRules.set(op, r);
  }
  return r;
}

export function parseShapeRule(text: string): ShapeRule {
  if (text === 'broadcast' || text === 'diag' || text === 'constructor') return { kind: text };
  const m = /^(.*)->\s*\[([^\]]*)\]\s*$/.exec(text);
  if (!m) throw new Error(`bad shape rule: ${text}`);
  const dim = (s: string): string | number => (/^[0-9]+$/.test(s.trim()) ? Number(s) : s.trim());
  const pair = (s: string): [string | number, string | number] => {
    const parts = s.split(',');
    if (parts.length !== 2) throw new Error(`bad shape rule: ${text}`);
    return [dim(parts[0]!), dim(parts[1]!)];
  };
  const params = [...m[1]!.matchAll(/([A-Za-z]\w*)\s*:\s*\[([^\]]*)\]/g)].map((p) => ({ name: p[1]!, dims: pair(p[2]!) }));
  return { kind: 'pattern', params, result: pair(m[2]!) };
}

/** Names of an op's operands, in order (the keys of its vjp). */
export function operandNames(op: string): string[] {
  const r = shapeRule(op);
  if (r.kind === 'pattern') return r.params.map((p) => p.name);
  if (r.kind === 'broadcast') return ['A', 'B'];
  if (r.kind === 'diag') return ['X'];
  return [];
}

/** A pattern rule with its named dims numbered: slot ≥ 0, or a fixed size n encoded as -n. */
interface CompiledPattern {
  slots: number;
  dims: Array<[number, number]>;
  result: [number, number];
}

const compiledPatterns = new Map<string, CompiledPattern>();
function compiled(op: string, rule: Extract<ShapeRule, { kind: 'pattern' }>): CompiledPattern {
  let c = compiledPatterns.get(op);
  if (!c) {
    const slot = new Map<string, number>();
    const enc = (d: string | number): number => {
      if (typeof d === 'number') return -d;
      if (!slot.has(d)) slot.set(d, slot.size);
      return slot.get(d)!;
    };
    const dims = rule.params.map((p): [number, number] => [enc(p.dims[0]), enc(p.dims[1])]);
    c = { slots: slot.size, dims, result: [enc(rule.result[0]), enc(rule.result[1])] };
    compiledPatterns.set(op, c);
  }
  return c;
}

export type ShapeOutcome =
  | { ok: true; type: MatType; broadcast?: Array<{ operand: number; axis: 0 | 1 }> }
  | { ok: false; operand: number; axis: 0 | 1; expected: DimRef | 'square' | 'vector-or-square'; patternDim?: string; param?: string };

/**
 * Shape of an op applied to operands of the given types, unifying dims in `table` as it goes.
 * On failure the table may hold partial unifications: callers that need a clean table mark and
 * roll back.
 */
export function inferShape(op: string, args: readonly MatType[], table: DimTable): ShapeOutcome {
  const rule = shapeRule(op);
  switch (rule.kind) {
    case 'broadcast':
      return broadcast(args[0]!, args[1]!, table);
    case 'diag': {
      const [r, c] = args[0]!;
      if (table.isOne(c) && !table.isOne(r)) return { ok: true, type: [r, r] };
      if (table.unify(r, c)) return { ok: true, type: [r, table.size(1)] };
      return { ok: false, operand: 0, axis: 1, expected: 'vector-or-square' };
    }
    case 'constructor':
      throw new Error('constructors have no operands');
    case 'pattern': {
      // Named dims were numbered once (compiled): a small array binds them, not a Map per call
      // (this runs for most nodes of every input, twice: inference and node building).
      const c = compiled(op, rule);
      const bound: DimRef[] = new Array<DimRef>(c.slots).fill(-1);
      for (let i = 0; i < c.dims.length; i++) {
        for (const axis of [0, 1] as const) {
          const want = c.dims[i]![axis];
          const got = args[i]![axis];
          let ref: DimRef;
          if (want < 0) ref = table.size(-want);
          else if (bound[want] === -1) {
            bound[want] = got;
            continue;
          } else ref = bound[want]!;
          if (!table.unify(ref, got)) {
            const p = rule.params[i]!;
            const name = p.dims[axis];
            return { ok: false, operand: i, axis, expected: ref, param: p.name, ...(typeof name === 'string' ? { patternDim: name } : {}) };
          }
        }
      }
      const out = (d: number): DimRef => (d < 0 ? table.size(-d) : bound[d]!);
      return { ok: true, type: [out(c.result[0]), out(c.result[1])] };
    }
  }
}

function broadcast(a: MatType, b: MatType, table: DimTable): ShapeOutcome {
  const out: DimRef[] = [];
  const notes: Array<{ operand: number; axis: 0 | 1 }> = [];
  for (const axis of [0, 1] as const) {
    const da = a[axis];
    const db = b[axis];
    if (table.same(da, db)) out.push(da);
    else if (table.isOne(da)) {
      out.push(db);
      notes.push({ operand: 0, axis });
    } else if (table.isOne(db)) {
      out.push(da);
      notes.push({ operand: 1, axis });
    } else if (table.unify(da, db)) out.push(da);
    else return { ok: false, operand: 1, axis, expected: da };
  }
  return notes.length > 0 ? { ok: true, type: [out[0]!, out[1]!], broadcast: notes } : { ok: true, type: [out[0]!, out[1]!] };
}
