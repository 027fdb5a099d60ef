// The contract between the shape propagator and the layer files in rules/layers/.
// A layer rule is data plus two pure functions: config → output shape (or a reason to reject),
// and config → parameter shapes. Rules never see source code, only normalized configs.
import type { Dim, Shape } from '../shape/dim.js';

/**
 * A layer config with camelCase keys (snake_case Keras names are converted by the front ends).
 * Values are numbers, strings, booleans, arrays, or `UNKNOWN` when the front end could not
 * resolve them; an absent key means "use the default".
 */
export type LayerConfig = Readonly<Record<string, unknown>>;

/** Marks a config value that the front end saw but could not resolve to a constant. */
export const UNKNOWN = Symbol('unknown');

/** A layer inside a wrapper's config (`Bidirectional(LSTM(64))`): its class name and its config. */
export interface NestedLayer {
  nestedLayer: { className: string; config: LayerConfig };
}

export function isNestedLayer(v: unknown): v is NestedLayer {
  return typeof v === 'object' && v !== null && 'nestedLayer' in v;
}

export type LayerOutcome =
  | { shape: Shape | undefined }
  /** `empty` marks a reject because an output dimension is ≤ 0 (its own lint rule). */
  | { error: string; empty?: boolean };

export interface LayerRule {
  /** Canonical id, TF.js spelling: `conv2d`, `maxPooling2d`. */
  family: string;
  /** Every class / factory name that builds it, compared lower-cased: `Conv2D`, `conv2d`, `Convolution2D`. */
  names: string[];
  /** Python Keras positional arguments, in order (`Dense(10)` → units). */
  positional?: string[];
  /** Merge layers take a list of inputs. */
  multiInput?: boolean;
  /** Output shape for the given input shapes (each with its batch dim first). */
  output(inputs: readonly Shape[], config: LayerConfig): LayerOutcome;
  /** Shapes of the trainable / state weights, in TF.js order, when they can be known. */
  params?(inputs: readonly Shape[], config: LayerConfig): Record<string, Shape>;
}

export type { Dim, Shape };
