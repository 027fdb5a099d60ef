// Layers and models: building them (Sequential, functional API, InputLayer / Input), adding and
// applying layers (nodes of the file's layer graph), and using a model (compile, fit, predict),
// which records the events the lint rules check.
import { findLayerRule } from '../../../rules/layers/registry.js';
import type { Dim, Shape } from '../../shape/dim.js';
import type { Declared, ModelIR, TensorInfo } from '../ir.js';
import type { Expr } from '../syntax.js';
import type { Args } from './args.js';
import type { Interpreter } from './interpreter.js';
import { FIT_CALLS, PREDICT_CALLS, WEIGHT_GETTERS, type At } from './tensors.js';
import { nestedShape, toConfigValue, unknown, type LayerValue, type ModelState, type Val } from './values.js';


function layerConfig(it: Interpreter, args: Args, positional: string[] | undefined): { config: Record<string, unknown>; exprs: Map<string, Expr> } {
  const config: Record<string, unknown> = {};
  const exprs = new Map<string, Expr>();
  const py = it.language === 'python';
  if (py && positional) {
    positional.forEach((name, i) => {
      const p = args.pos(i);
      if (p) {
        config[name] = toConfigValue(p.v);
        exprs.set(name, p.e);
      }
    });
  }
  for (const [key, { e, v }] of args.options(py ? undefined : 0)) {
    config[key] = toConfigValue(v);
    exprs.set(key, e);
  }
  return { config, exprs };
}

/** The input shape a layer declares (batch first), from batchInputShape / inputShape / inputDim / shape. */
function declaredInput(it: Interpreter, config: Record<string, unknown>, exprs: Map<string, Expr>, isInput: boolean, family?: string): Declared | undefined {
  const shapeOf = (key: string) => {
    const e = exprs.get(key);
    return e ? { e, s: toShapeFromConfig(config[key]) } : undefined;
  };
  const batch = shapeOf('batchInputShape');
  if (batch?.s) return { shape: batch.s, span: it.span(batch.e) };
  for (const key of isInput ? ['inputShape', 'shape'] : ['inputShape']) {
    const d = shapeOf(key);
    if (d?.s) return { shape: [null, ...d.s], span: it.span(d.e) };
  }
  if (family === 'embedding') {
    // Embedding: inputDim is the vocabulary size; inputLength is the sequence length of the input.
    const length = exprs.get('inputLength');
    if (length && typeof config['inputLength'] === 'number') return { shape: [null, config['inputLength']], span: it.span(length) };
    return undefined;
  }
  const dim = exprs.get('inputDim');
  if (dim && typeof config['inputDim'] === 'number') return { shape: [null, config['inputDim']], span: it.span(dim) };
  return undefined;
}

function toShapeFromConfig(v: unknown): Dim[] | undefined {
  if (typeof v === 'number') return [v];
  if (!Array.isArray(v)) return undefined;
  return v.map((d) => (typeof d === 'number' && d > 0 ? d : null));
}

export function makeLayer(it: Interpreter, fn: string, args: Args, e: Expr): Val {
  const isInput = fn.toLowerCase() === 'inputlayer';
  const rule = isInput ? undefined : findLayerRule(fn);
  const { config, exprs } = layerConfig(it, args, rule?.positional);
  const layer: LayerValue = { className: fn, config, span: it.span(e), isInput };
  if (rule) layer.rule = rule;
  const declared = declaredInput(it, config, exprs, isInput, rule?.family);
  if (declared) layer.declared = declared;
  return { t: 'layer', layer };
}

export function makeInput(it: Interpreter, args: Args, e: Expr): Val {
  const { config, exprs } = layerConfig(it, args, ['shape']);
  const declared = declaredInput(it, config, exprs, true);
  const id = it.addNode({ kind: 'input', className: 'Input', config, span: it.span(e), inputs: [], ...(declared ? { declared } : {}) });
  return { t: 'sym', node: id };
}

function newModel(it: Interpreter, kind: ModelIR['kind'], e: Expr): ModelState {
  const ir: ModelIR = { id: it.newModelId(), label: 'model', kind, span: it.span(e), inputs: [], outputs: [] };
  it.host.file.models.push(ir);
  return { ir, uncertainty: it.uncertainty };
}

export function makeSequential(it: Interpreter, args: Args, e: Expr): Val {
  const model = newModel(it, 'sequential', e);
  const layers = args.get('layers', it.language === 'python' ? 0 : undefined, 0);
  if (layers?.v.t === 'list') for (const l of layers.v.items) addLayer(it, model, l, e);
  else if (layers) addLayer(it, model, unknown, e); // a list we cannot see: everything is unknown
  args.all();
  return { t: 'model', model };
}

export function addLayer(it: Interpreter, model: ModelState, v: Val, at: At): void {
  // `keras.Sequential([keras.Input(shape=…), …])`: an Input in the list acts as an InputLayer.
  const inputNode = v.t === 'sym' ? it.host.file.nodes[v.node] : undefined;
  if (inputNode?.kind === 'input') {
    v = { t: 'layer', layer: { className: 'Input', config: {}, span: inputNode.span, isInput: true, ...(inputNode.declared ? { declared: inputNode.declared } : {}) } };
  }
  // Added in a branch or loop body of the code that created the model: it may be added zero or
  // several times, so what flows out of it is unknown (an opaque node).
  const certain = it.uncertainty <= model.uncertainty;
  const layer = v.t === 'layer' && (certain || v.layer.isInput) ? v.layer : undefined;
  const first = model.tail === undefined;
  if (model.tail === undefined) {
    // The first layer's inputShape (or an InputLayer) is the model's input.
    const declared = layer?.declared;
    model.tail = it.addNode({ kind: 'input', className: 'Input', config: {}, span: declared?.span ?? layer?.span ?? it.span(at), inputs: [], ...(declared ? { declared } : {}) });
    model.ir.inputs = [model.tail];
    model.ir.outputs = [model.tail];
  }
  if (layer?.isInput) return;
  const node = layer
    ? {
        kind: 'layer' as const, className: layer.className, config: layer.config, span: layer.span, inputs: [model.tail],
        ...(layer.rule ? { rule: layer.rule } : {}), ...(layer.declared && !first ? { declared: layer.declared } : {}),
      }
    : { kind: 'layer' as const, className: v.t === 'model' ? v.model.ir.label : v.t === 'layer' ? v.layer.className : 'unknown', config: {}, span: it.span(at), inputs: [model.tail] };
  model.tail = it.addNode(node);
  model.ir.outputs = [model.tail];
}

export function makeFunctional(it: Interpreter, args: Args, e: Expr): Val {
  const model = newModel(it, 'functional', e);
  const py = it.language === 'python';
  const ins = nodesOf(args.get('inputs', py ? 0 : undefined, 0)?.v);
  const outs = nodesOf(args.get('outputs', py ? 1 : undefined, 0)?.v);
  args.all();
  // Inputs alone are enough to check the data fed to the model.
  if (ins) model.ir.inputs = ins;
  if (ins && outs) model.ir.outputs = outs;
  return { t: 'model', model };
}

function nodesOf(v: Val | undefined): number[] | undefined {
  if (v?.t === 'sym') return [v.node];
  if (v?.t === 'list' && v.items.every((x) => x.t === 'sym')) return v.items.map((x) => (x as { node: number }).node);
  return undefined;
}

/** `layer.apply(x)` / `layer(x)`: a new graph node when x is symbolic. */
export function applyLayer(it: Interpreter, layer: LayerValue, input: Val | undefined): Val {
  const inputs = nodesOf(input);
  if (!inputs || layer.isInput) return unknown;
  // An inputShape on a layer called on a symbolic tensor is ignored by Keras and TF.js: not checked.
  const id = it.addNode({ kind: 'layer', className: layer.className, config: layer.config, span: layer.span, inputs, ...(layer.rule ? { rule: layer.rule } : {}) });
  return { t: 'sym', node: id };
}

// Using a model.

export function asData(v: Val | undefined): Val | undefined {
  if (v?.t === 'tensor') return v;
  if (v?.t === 'list') {
    const s = nestedShape(v);
    if (s && s.length > 0) return { t: 'tensor', info: { label: '', shape: s, origin: 'data' }, variable: false };
  }
  return undefined;
}

function feed(it: Interpreter, model: ModelState, call: string, x: { e: Expr; v: Val } | undefined): TensorInfo | undefined {
  const d = asData(x?.v);
  if (!x || d?.t !== 'tensor') return undefined;
  const info: TensorInfo = { ...d.info, label: it.label(x.e) };
  it.emit({ kind: 'model-input', call, model: model.ir.id, x: info, span: it.span(x.e) });
  return info;
}

function predict(it: Interpreter, model: ModelState, call: string, x: { e: Expr; v: Val } | undefined, e: Expr): Val {
  if (x?.v.t === 'sym' || x?.v.t === 'list' && nodesOf(x.v)) {
    // A model used as a layer in another functional model.
    const id = it.addNode({ kind: 'layer', className: model.ir.label, config: {}, span: it.span(e), inputs: nodesOf(x.v)! });
    return { t: 'sym', node: id };
  }
  const info = feed(it, model, call, x);
  const out = model.ir.outputs.length === 1 ? it.nodeShape(model.ir.outputs[0]!) : undefined;
  let shape: Shape | undefined = out;
  if (out && info?.shape && info.shape.length > 0) shape = [info.shape[0]!, ...out.slice(1)];
  return { t: 'tensor', info: { label: it.label(e), span: it.span(e), origin: 'prediction', model: model.ir.id, ...(shape ? { shape } : {}) }, variable: false };
}

export function modelMethod(it: Interpreter, model: ModelState, m: string, args: Args, e: Expr): Val {
  const py = it.language === 'python';
  if (m === 'add') {
    addLayer(it, model, args.pos(0)?.v ?? unknown, args.pos(0)?.e ?? e);
    return { t: 'none' };
  }
  if (m === 'compile') {
    const loss = args.get('loss', py ? 1 : undefined, 0);
    const name = loss ? lossName(loss.v) : undefined;
    if (loss && name) model.ir.loss = { name, span: it.span(loss.e) };
    args.all();
    return { t: 'none' };
  }
  if (FIT_CALLS.has(m)) {
    const x = args.get('x', 0);
    const y = args.get('y', 1);
    const xInfo = feed(it, model, m, x);
    const yData = asData(y?.v);
    if (y && yData?.t === 'tensor') {
      it.emit({ kind: 'labels', call: m, model: model.ir.id, y: { ...yData.info, label: it.label(y.e) }, span: it.span(y.e), ...(xInfo ? { x: xInfo } : {}) });
    }
    args.all();
    return unknown;
  }
  if (PREDICT_CALLS.has(m)) {
    const r = predict(it, model, m, args.get('x', 0), e);
    args.all();
    return r;
  }
  if (WEIGHT_GETTERS.has(m)) return { t: 'weights' };
  args.all();
  return unknown;
}

function lossName(v: Val): string | undefined {
  if (v.t === 'str') return v.v;
  if (v.t === 'loss') return v.name;
  if (v.t === 'module') return v.path[v.path.length - 1];
  return undefined;
}

