// Constants imported from other files of the linted project (`import { N_FEATURES } from
// './config.js'`, `from config import N_FEATURES`). The other file is parsed and read the same way
// (never executed); only plain data crosses files: numbers, strings, booleans, lists, dicts.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineMap } from '../report/diagnostic.js';
import { parsePython } from './frontend/python.js';
import { parseTypeScript } from './frontend/typescript.js';
import { Interpreter } from './interpret/interpreter.js';
import type { Val } from './interpret/values.js';

const MAX_IMPORT_BYTES = 1_000_000;

export class ImportResolver {
  /** Absolute path → exported constants (null while being read, to stop import cycles). */
  private readonly cache = new Map<string, Map<string, Val> | null>();

  /** `focus: false` (`--full-parse`) parses imported files whole too. */
  constructor(readonly options: { focus?: boolean } = {}) {}

  constantsOf(fromFile: string, specifier: string): Map<string, Val> | undefined {
    const target = this.locate(fromFile, specifier);
    if (!target) return undefined;
    if (this.cache.has(target)) return this.cache.get(target) ?? undefined;
    this.cache.set(target, null);
    const result = readConstants(target, this);
    this.cache.set(target, result ?? null);
    return result;
  }

  private locate(fromFile: string, spec: string): string | undefined {
    const dir = dirname(fromFile);
    let candidates: string[];
    if (/\.py$/i.test(fromFile)) {
      // `from .config import N` / `from config import N` / `from pkg.config import N`
      const rel = spec.replace(/^\.+/, '').split('.').join('/');
      if (!rel) return undefined;
      candidates = [join(dir, `${rel}.py`), join(dir, rel, '__init__.py')];
    } else {
      if (!spec.startsWith('.')) return undefined;
      const base = resolve(dir, spec);
      const stem = base.replace(/\.(m|c)?js$/, '');
      candidates = [`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
    }
    for (const c of candidates) {
      try {
        const st = statSync(c);
        if (st.isFile() && st.size <= MAX_IMPORT_BYTES) return c;
      } catch {
        /* try the next candidate */
      }
    }
    return undefined;
  }
}

function isPlainData(v: Val): boolean {
  if (v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'none') return true;
  if (v.t === 'list') return v.items.every(isPlainData);
  if (v.t === 'dict') return [...v.entries.values()].every(isPlainData);
  return false;
}

function readConstants(path: string, resolver: ImportResolver): Map<string, Val> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const python = /\.py$/i.test(path);
  const program = python ? parsePython(text) : parseTypeScript(path, text, { focus: resolver.options.focus ?? true });
  const interp = new Interpreter(
    { text, lines: new LineMap(text, path), file: { filePath: path, language: python ? 'python' : 'typescript', nodes: [], models: [], events: [] }, importConstants: (spec) => resolver.constantsOf(path, spec) },
    python ? 'python' : 'typescript',
  );
  const scope = interp.run(program);
  const out = new Map<string, Val>();
  for (const [name, v] of scope.entries()) if (isPlainData(v)) out.set(name, v);
  return out;
}
