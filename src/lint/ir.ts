// The Model IR: what every front end (TypeScript, Python, model.json) builds from a file, and
// all that the lint rules look at. It records layers as a graph of nodes, models as input/output
// node lists, and the calls that feed tensors into models (fit, predict, matMul, gradients, …).
import type { Span } from '../report/diagnostic.js';
import type { Shape } from '../shape/dim.js';
import type { LayerConfig, LayerRule } from './layer-rule.js';

export interface Declared {
  shape: Shape;
  span: Span;
}

/** One application of a layer (or a model input) in the file's layer graph. */
export interface LayerNode {
  id: number;
  /** `input` nodes start a model; `layer` nodes apply `rule` to their inputs. */
  kind: 'input' | 'layer';
  rule?: LayerRule;
  /** The name as written: `Dense`, `tf.layers.dense`, `Conv2D`. */
  className: string;
  config: LayerConfig;
  span: Span;
  inputs: number[];
  /** An inputShape / batchInputShape written on this layer (for inputs: the model's declared input). */
  declared?: Declared;
}

export interface ModelIR {
  id: number;
  /** How the source refers to it: the variable name, or `model`. */
  label: string;
  kind: 'sequential' | 'functional';
  span: Span;
  inputs: number[];
  outputs: number[];
  loss?: { name: string; span: Span };
}

/** What is known about a tensor value that reaches a call. */
export interface TensorInfo {
  /** Source text of the argument, e.g. `xs`. */
  label: string;
  shape?: Shape;
  /** Where it was created (for `related` locations). */
  span?: Span;
  /** `prediction`: the output of a model (not a loss); `scalar`: a reduced loss value. */
  origin: 'data' | 'prediction' | 'scalar' | 'unknown';
  /** For predictions: the model that made it. */
  model?: number;
}

export type ModelEvent =
  /** A tensor fed to a model as input: fit / predict / evaluate / trainOnBatch / model(x). */
  | { kind: 'model-input'; call: string; model: number; x: TensorInfo; span: Span }
  /** Labels given to fit / evaluate / trainOnBatch. */
  | { kind: 'labels'; call: string; model: number; y: TensorInfo; x?: TensorInfo; span: Span }
  | { kind: 'matmul'; call: string; a: TensorInfo; b: TensorInfo; transposeA: boolean | null; transposeB: boolean | null; span: Span }
  /** A gradient asked of `target` (tape.gradient, minimize, tf.grad(s), variableGrads). */
  | { kind: 'gradient'; call: string; target: TensorInfo; span: Span }
  /** A weight update computed and then dropped; `fix` is the suggested replacement code. */
  | { kind: 'discarded-update'; how: 'rebind' | 'unused'; target: string; code: string; fix: string; span: Span };

export interface ModelFile {
  filePath: string;
  language: 'typescript' | 'python' | 'json';
  nodes: LayerNode[];
  models: ModelIR[];
  events: ModelEvent[];
}
