// Shape propagation over a file's layer graph, using the layer rules. Each node gets an output
// shape (undefined = unknown) and possibly a problem: the reason its rule rejected the input, or a
// declared inputShape that contradicts the shape flowing in. Unknown never becomes a problem.
import { formatShape, type Shape } from '../shape/dim.js';
import type { LayerNode, ModelFile, ModelIR } from './ir.js';

export interface NodeResult {
  shape: Shape | undefined;
  /** The shapes that flowed into the node (for messages). */
  inputShapes: (Shape | undefined)[];
  problem?: { message: string; empty: boolean };
}

export type Shapes = Map<number, NodeResult>;

export function propagate(file: ModelFile): Shapes {
  const results: Shapes = new Map();
  // Nodes are created in source order and only reference earlier nodes, so one pass suffices.
  for (const node of file.nodes) results.set(node.id, evaluate(node, results));
  return results;
}

function evaluate(node: LayerNode, results: Shapes): NodeResult {
  if (node.kind === 'input') return { shape: node.declared?.shape, inputShapes: [] };
  const inputShapes = node.inputs.map((id) => results.get(id)?.shape);
  const contradiction = checkDeclared(node, inputShapes[0]);
  if (contradiction) return { shape: undefined, inputShapes, problem: { message: contradiction, empty: false } };
  if (!node.rule || inputShapes.length === 0 || inputShapes.some((s) => s === undefined)) return { shape: undefined, inputShapes };
  const outcome = node.rule.output(inputShapes as Shape[], node.config);
  if ('error' in outcome) return { shape: undefined, inputShapes, problem: { message: outcome.error, empty: outcome.empty === true } };
  return { shape: outcome.shape, inputShapes };
}

/** A later layer's own inputShape must agree with what flows into it (batch dim aside). */
function checkDeclared(node: LayerNode, flowing: Shape | undefined): string | undefined {
  if (!node.declared || !flowing) return undefined;
  const want = node.declared.shape;
  const sameRank = want.length === flowing.length;
  const conflict = !sameRank || want.some((d, i) => i > 0 && typeof d === 'number' && typeof flowing[i] === 'number' && d !== flowing[i]);
  if (!conflict) return undefined;
  return `declares input shape ${formatShape(want)}, but the previous layer produces ${formatShape(flowing)}`;
}

export function modelInputShape(model: ModelIR, shapes: Shapes): Shape | undefined {
  return model.inputs.length === 1 ? shapes.get(model.inputs[0]!)?.shape : undefined;
}

export function modelOutputShape(model: ModelIR, shapes: Shapes): Shape | undefined {
  return model.outputs.length === 1 ? shapes.get(model.outputs[0]!)?.shape : undefined;
}

/** Extend `shapes` with the nodes added since the last call (the interpreter asks mid-file). */
export function propagateInto(file: ModelFile, shapes: Shapes): void {
  for (const node of file.nodes) if (!shapes.has(node.id)) shapes.set(node.id, evaluate(node, shapes));
}
