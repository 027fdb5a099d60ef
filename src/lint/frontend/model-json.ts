// Keras / TF.js `model.json` front end: the saved topology, sequential or functional, Keras 2
// (`batch_input_shape`, inbound_nodes as nested lists) and Keras 3 (`batch_shape`, inbound_nodes
// as {args, kwargs} with `keras_history`). A JSON file that is not a model topology is skipped.
import type { LineMap } from '../../report/diagnostic.js';
import { findLayerRule } from '../../../rules/layers/registry.js';
import type { Dim } from '../../shape/dim.js';
import { normalizeConfigKey } from '../config-keys.js';
import type { Declared, ModelFile, ModelIR } from '../ir.js';
import { parseJsonWithOffsets, type JsonNode } from './json-offsets.js';

export type JsonOutcome = { kind: 'model'; file: ModelFile } | { kind: 'not-a-model' } | { kind: 'error'; message: string; offset: number };

export function readModelJson(filePath: string, text: string, lines: LineMap): JsonOutcome {
  const parsed = parseJsonWithOffsets(text);
  if ('error' in parsed) {
    // Only complain about broken JSON that looks like it was meant to be a model.
    return /"class_name"|"modelTopology"/.test(text) ? { kind: 'error', message: parsed.error, offset: parsed.offset } : { kind: 'not-a-model' };
  }
  let topo: JsonNode | undefined = parsed.node;
  const mt = field(topo, 'modelTopology');
  if (mt) topo = field(mt, 'model_config') ?? mt;
  const className = str(field(topo, 'class_name'));
  if (!className || !['Sequential', 'Model', 'Functional'].includes(className)) return { kind: 'not-a-model' };
  const config = field(topo, 'config');
  if (!config) return { kind: 'not-a-model' };
  const file: ModelFile = { filePath, language: 'json', nodes: [], models: [], events: [] };
  const builder = new JsonModelBuilder(file, lines);
  if (className === 'Sequential') builder.sequential(config, topo!);
  else builder.functional(config, topo!);
  return { kind: 'model', file };
}

function field(n: JsonNode | undefined, key: string): JsonNode | undefined {
  return n?.type === 'object' ? n.fields.get(key)?.value : undefined;
}
function str(n: JsonNode | undefined): string | undefined {
  return n?.type === 'string' ? n.value : undefined;
}
function plain(n: JsonNode | undefined): unknown {
  if (!n) return undefined;
  switch (n.type) {
    case 'object': return Object.fromEntries([...n.fields].map(([k, v]) => [k, plain(v.value)]));
    case 'array': return n.items.map(plain);
    default: return n.value;
  }
}

/** A wrapped layer's JSON ({class_name, config}) in the form wrapper rules read, keys normalized. */
function nested(n: JsonNode): unknown {
  const cfg = field(n, 'config');
  const config: Record<string, unknown> = {};
  if (cfg?.type === 'object') for (const [k, { value }] of cfg.fields) config[normalizeConfigKey(k)] = k === 'layer' ? nested(value) : plain(value);
  return { nestedLayer: { className: str(field(n, 'class_name')) ?? 'unknown', config } };
}

class JsonModelBuilder {
  constructor(private readonly file: ModelFile, private readonly lines: LineMap) {}

  private span(n: JsonNode) {
    return this.lines.span(n.start, n.end);
  }

  private newModel(kind: ModelIR['kind'], at: JsonNode): ModelIR {
    const m: ModelIR = { id: this.file.models.length, label: 'model', kind, span: this.span(at), inputs: [], outputs: [] };
    this.file.models.push(m);
    return m;
  }

  private add(node: Omit<ModelFile['nodes'][number], 'id'>): number {
    const id = this.file.nodes.length;
    this.file.nodes.push({ id, ...node });
    return id;
  }

  /** Layer config with TF.js key spelling, and any declared input shape. */
  private layerConfig(layer: JsonNode): { className: string; config: Record<string, unknown>; declared?: Declared } {
    const className = str(field(layer, 'class_name')) ?? 'unknown';
    const cfgNode = field(layer, 'config');
    const config: Record<string, unknown> = {};
    let declared: Declared | undefined;
    if (cfgNode?.type === 'object') {
      for (const [k, { value }] of cfgNode.fields) {
        const key = normalizeConfigKey(k);
        config[key] = key === 'layer' && str(field(value, 'class_name')) ? nested(value) : plain(value);
        if (key === 'batchInputShape' && value.type === 'array') {
          declared = { shape: value.items.map((d): Dim => (d.type === 'number' && d.value > 0 ? d.value : null)), span: this.span(value) };
        }
      }
    }
    return declared ? { className, config, declared } : { className, config };
  }

  sequential(config: JsonNode, at: JsonNode): void {
    const model = this.newModel('sequential', at);
    // Keras 2.0: config is the list of layers; later: {name, layers: [...]}.
    const layers = config.type === 'array' ? config : field(config, 'layers');
    if (layers?.type !== 'array') return;
    let tail: number | undefined;
    for (const layer of layers.items) {
      const { className, config: cfg, declared } = this.layerConfig(layer);
      const first = tail === undefined;
      if (tail === undefined) {
        tail = this.add({ kind: 'input', className: 'Input', config: {}, span: declared?.span ?? this.span(layer), inputs: [], ...(declared ? { declared } : {}) });
        model.inputs = [tail];
      }
      if (className === 'InputLayer') continue;
      const rule = findLayerRule(className);
      tail = this.add({ kind: 'layer', className, config: cfg, span: this.span(layer), inputs: [tail], ...(rule ? { rule } : {}), ...(declared && !first ? { declared } : {}) });
    }
    if (tail !== undefined) model.outputs = [tail];
  }

  functional(config: JsonNode, at: JsonNode): void {
    const model = this.newModel('functional', at);
    const layers = field(config, 'layers');
    if (layers?.type !== 'array') return;
    const byName = new Map<string, number>();
    for (const layer of layers.items) {
      const { className, config: cfg, declared } = this.layerConfig(layer);
      const name = str(field(layer, 'name')) ?? str(field(field(layer, 'config'), 'name')) ?? `layer${byName.size}`;
      if (className === 'InputLayer') {
        byName.set(name, this.add({ kind: 'input', className, config: cfg, span: declared?.span ?? this.span(layer), inputs: [], ...(declared ? { declared } : {}) }));
        continue;
      }
      const inputs = inboundNames(field(layer, 'inbound_nodes')).map((n) => byName.get(n));
      if (inputs.some((i) => i === undefined) || inputs.length === 0) {
        byName.set(name, this.add({ kind: 'layer', className, config: cfg, span: this.span(layer), inputs: [] }));
        continue;
      }
      const rule = findLayerRule(className);
      byName.set(name, this.add({ kind: 'layer', className, config: cfg, span: this.span(layer), inputs: inputs as number[], ...(rule ? { rule } : {}) }));
    }
    const ends = (key: string) => namesOfEndpoints(field(config, key)).map((n) => byName.get(n));
    const ins = ends('input_layers');
    const outs = ends('output_layers');
    if (ins.every((i) => i !== undefined) && outs.every((o) => o !== undefined)) {
      model.inputs = ins as number[];
      model.outputs = outs as number[];
    }
  }
}

/** Keras 2: [[["dense_1", 0, 0, {}]]]; Keras 3: [{"args": [{"config": {"keras_history": ["dense_1", 0, 0]}}]}]. */
function inboundNames(n: JsonNode | undefined): string[] {
  if (n?.type !== 'array' || n.items.length === 0) return [];
  const first = n.items[0]!; // only the first call of a shared layer is followed
  const out: string[] = [];
  const visit = (x: JsonNode) => {
    if (x.type === 'array') {
      if (x.items[0]?.type === 'string' && x.items.length >= 3 && x.items[1]?.type === 'number') out.push(x.items[0].value as string);
      else x.items.forEach(visit);
    } else if (x.type === 'object') {
      const history = field(field(x, 'config'), 'keras_history');
      if (history?.type === 'array' && history.items[0]?.type === 'string') out.push(history.items[0].value as string);
      else for (const [k, v] of x.fields) if (k === 'args' || k === 'config' || k === 'value') visit(v.value);
    }
  };
  visit(first);
  return out;
}

/** `input_layers`: [["input_1", 0, 0]] or ["input_1", 0, 0] (Keras 3 single input). */
function namesOfEndpoints(n: JsonNode | undefined): string[] {
  if (n?.type !== 'array') return [];
  if (n.items[0]?.type === 'string') return [n.items[0].value as string];
  return n.items.flatMap((x) => (x.type === 'array' && x.items[0]?.type === 'string' ? [x.items[0].value as string] : []));
}
