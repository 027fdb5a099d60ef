// The TypeScript compiler API (the copy bundled with ts-morph), loaded on first use: a lint run
// of Python files never pays for it, and worker threads load their own copy while the main
// thread loads its. Compiling the 9 MB compiler takes a quarter of a second of every run, so
// the compiled code is kept in a V8 code cache next to it (node_modules/.cache/shapegrad), as
// Node 22's module.enableCompileCache does; a missing, stale or unwritable cache only costs that
// quarter of a second. (ts-morph is CommonJS: importing it from an ES module would also make
// Node scan its whole bundle for export names.)
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { ts as TS } from 'ts-morph';

export type { TS };

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  return (loaded ??= load());
}

/**
 * The compiler's file and where its code cache goes, or undefined when ts-morph does not bundle
 * it where expected. V8 checks its own version and flags, but of the source only the length: the
 * file's size and modification time name the cache, so a reinstalled compiler never meets stale code.
 */
export function parserCache(): { compiler: string; dir: string; name: string } | undefined {
  let compiler: string;
  try {
    compiler = createRequire(import.meta.url).resolve('@ts-morph/common/dist/typescript.js');
  } catch {
    return undefined;
  }
  const { size, mtimeMs } = statSync(compiler);
  const dir = join(dirname(compiler), '..', '..', '..', '.cache', 'shapegrad');
  return { compiler, dir, name: `typescript-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.v8cache` };
}

function load(): typeof TS {
  const cache = parserCache();
  if (!cache) return (createRequire(import.meta.url)('ts-morph') as { ts: typeof TS }).ts;
  const { compiler: file, dir: cacheDir, name } = cache;
  const source = readFileSync(file, 'utf8');
  const cacheFile = join(cacheDir, name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    /* first run */
  }
  const script = new Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) {
    // Written at exit, so that it holds the functions compiled during this run too.
    process.once('exit', () => {
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // Caches of other compilers or Node versions are dead weight.
        for (const f of readdirSync(cacheDir)) if (f.startsWith('typescript-') && f.endsWith('.v8cache') && f !== name) rmSync(join(cacheDir, f), { force: true });
      } catch {
        /* read-only install: no cache */
      }
    });
  }
  return module.exports as typeof TS;
}
