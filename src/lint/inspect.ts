// The Model IR of one file with its propagated shapes: for tests, debugging and a future
// `shapegrad shapes` view. Same front ends as lint; nothing executed.
import { LineMap } from '../report/diagnostic.js';
import { formatShape } from '../shape/dim.js';
import { readModelJson } from './frontend/model-json.js';
import { parsePython } from './frontend/python.js';
import { parseTypeScript } from './frontend/typescript.js';
import { ImportResolver } from './imports.js';
import { Interpreter } from './interpret/interpreter.js';
import type { ModelFile } from './ir.js';
import { languageOf } from './lint-file.js';
import { modelInputShape, modelOutputShape, propagate, type Shapes } from './propagate.js';

export interface Inspection {
  file: ModelFile;
  shapes: Shapes;
}

export function inspectSource(filePath: string, text: string): Inspection | undefined {
  const language = languageOf(filePath);
  if (!language) return undefined;
  const lines = new LineMap(text, filePath);
  let file: ModelFile;
  if (language === 'json') {
    const r = readModelJson(filePath, text, lines);
    if (r.kind !== 'model') return undefined;
    file = r.file;
  } else {
    const program = language === 'python' ? parsePython(text) : parseTypeScript(filePath, text);
    file = { filePath, language, nodes: [], models: [], events: [] };
    const imports = new ImportResolver();
    new Interpreter({ text, lines, file, importConstants: (spec) => imports.constantsOf(filePath, spec) }, language).run(program);
  }
  return { file, shapes: propagate(file) };
}

/** One line per model: `model: [?×784] → [?×10]` (unknown shapes as `?`). */
export function summarizeModels(ins: Inspection): string[] {
  return ins.file.models.map((m) => {
    const i = modelInputShape(m, ins.shapes);
    const o = modelOutputShape(m, ins.shapes);
    return `${m.label}: ${i ? formatShape(i) : '?'} → ${o ? formatShape(o) : '?'}`;
  });
}
