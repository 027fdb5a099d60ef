// --shape NAME=DIMS, --assume NAME=symmetric and --sizes m=3 flags into declarations.
import { NAME, parseDims, type Dim } from '../shape/dim.js';
import { UsageError } from './io.js';


export function parseShapeFlags(values: readonly string[] | undefined): Map<string, Dim[]> {
  const out = new Map<string, Dim[]>();
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    const name = eq < 0 ? '' : v.slice(0, eq).trim();
    if (eq < 0 || !NAME.test(name)) throw new UsageError(`--shape expects NAME=DIMS (like W=m,n or h=n or a=scalar), got '${v}'`);
    const dims = parseDims(v.slice(eq + 1));
    if (dims === null || dims.length > 2) {
      throw new UsageError(`--shape ${name}: '${v.slice(eq + 1)}' is not a shape; use up to two dims, each a positive integer or a symbol (m,n · n · scalar)`);
    }
    if (out.has(name)) throw new UsageError(`--shape ${name} is given twice (${out.get(name)!.join(',') || 'scalar'} and ${v.slice(eq + 1)})`);
    out.set(name, dims);
  }
  return out;
}

export function parseAssumeFlags(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    const m = /^([^=]+)=(symmetric)$/.exec(v.trim());
    if (!m || !NAME.test(m[1]!.trim())) throw new UsageError(`--assume expects NAME=symmetric, got '${v}'`);
    out.push(m[1]!.trim());
  }
  return out;
}

export function parseSizesFlags(values: readonly string[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values ?? []) {
    for (const part of v.split(',')) {
      const m = /^\s*([A-Za-z_]\w*)\s*=\s*([0-9]+)\s*$/.exec(part);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 100000) throw new UsageError(`--sizes expects DIM=N,… with N a positive integer, got '${part}'`);
      out.set(m[1]!, Number(m[2]));
    }
  }
  return out;
}
