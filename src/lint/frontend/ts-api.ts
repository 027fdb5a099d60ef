// The TypeScript compiler API (the copy bundled with ts-morph), loaded with `require` on first
// use. Loading takes a quarter of a second: a lint run of Python files never pays it, and worker
// threads start loading their own copy while the main thread loads its. (ts-morph is CommonJS:
// importing it from an ES module would also make Node scan its whole bundle for export names.)
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';

export type { TS };

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  return (loaded ??= (createRequire(import.meta.url)('ts-morph') as { ts: typeof TS }).ts);
}
