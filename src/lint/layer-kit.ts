// Helpers shared by the layer rules: read normalized config values, check ranks, and the
// convolution arithmetic of TF.js (conv_utils.convOutputLength).
import { formatShape, type Dim, type Shape } from '../shape/dim.js';
import type { LayerConfig, LayerOutcome } from './layer-rule.js';

/** A number config value; `fallback` when absent; null when present but not a known number. */
export function num(c: LayerConfig, key: string, fallback: number | null = null): number | null {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  return typeof v === 'number' ? v : null;
}

/** A string config value, lower-cased with `_` removed (`channels_last` = `channelsLast`); null when unknown. */
export function word(c: LayerConfig, key: string, fallback: string): string | null {
  const v = c[key];
  if (v === undefined || v === null) return fallback.toLowerCase().replace(/_/g, '');
  return typeof v === 'string' ? v.toLowerCase().replace(/_/g, '') : null;
}

export function bool(c: LayerConfig, key: string, fallback: boolean): boolean | null {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  return typeof v === 'boolean' ? v : null;
}

/** An int-or-tuple value (`kernelSize: 3` or `[3, 3]`) as n entries; unknown entries are null. */
export function tuple(c: LayerConfig, key: string, n: number, fallback: number | null): (number | null)[] {
  const v = c[key];
  if (v === undefined || v === null) return Array(n).fill(fallback);
  if (typeof v === 'number') return Array(n).fill(v);
  if (Array.isArray(v) && v.length === n) return v.map((x) => (typeof x === 'number' ? x : null));
  return Array(n).fill(null);
}

/** TF.js convOutputLength: null when anything is unknown. */
export function convOutputLength(
  length: Dim,
  filter: number | null,
  padding: string | null,
  stride: number | null,
  dilation: number | null = 1,
): Dim {
  if (typeof length !== 'number' || filter === null || padding === null || stride === null || dilation === null) return null;
  const dilated = filter + (filter - 1) * (dilation - 1);
  const out = padding === 'valid' ? length - dilated + 1 : length; // 'same' and 'causal' keep the length
  return Math.floor((out + stride - 1) / stride);
}

/** Reject unless the input has exactly `rank` dims (batch included); `what` names the axes. */
export function requireRank(input: Shape, rank: number, what: string): LayerOutcome | undefined {
  if (input.length === rank) return undefined;
  return { error: `expects rank-${rank} input ${what}, got rank ${input.length} ${formatShape(input)}` };
}

export function requireMinRank(input: Shape, rank: number): LayerOutcome | undefined {
  if (input.length >= rank) return undefined;
  return { error: `expects input of rank ${rank} or more, got rank ${input.length} ${formatShape(input)}` };
}

/** Mark outcomes whose shape has a dim ≤ 0 as empty: conv/pool windows larger than the input. */
export function checkNonEmpty(shape: Shape, why: string): LayerOutcome {
  if (shape.some((d) => typeof d === 'number' && d <= 0)) {
    return { error: `output would be ${formatShape(shape)}: ${why}`, empty: true };
  }
  return { shape };
}

/** Normalize a negative axis against a rank; null if out of range or unknown. */
export function axisOf(axis: number | null, rank: number): number | null {
  if (axis === null) return null;
  const a = axis < 0 ? rank + axis : axis;
  return a >= 0 && a < rank ? a : null;
}

export function lastDim(s: Shape): Dim {
  return s.length > 0 ? s[s.length - 1]! : null;
}
