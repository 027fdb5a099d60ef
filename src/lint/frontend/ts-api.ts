// The TypeScript compiler API (the copy bundled with ts-morph), loaded with `require`. ts-morph is
// CommonJS: importing it from an ES module makes Node scan its whole bundle for export names
// first, a quarter of a second on every run (measured), for the one name used here.
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';

export type { TS };
export const ts = (createRequire(import.meta.url)('ts-morph') as { ts: typeof TS }).ts;
