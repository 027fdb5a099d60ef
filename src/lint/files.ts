// Which files a lint run reads: explicit files, directories (walked), and globs. node_modules,
// dist and .git are never walked; ignore globs apply to paths relative to cwd.
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Minimatch } from 'minimatch';

export const LINTABLE = /\.(ts|tsx|js|mjs|cjs|py|json)$/i;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

export interface FileEntry {
  abs: string;
  /** Relative to cwd, forward slashes. */
  rel: string;
  /** Set when the path named on the command line cannot be read as a file or directory. */
  error?: string;
}

export function toRelative(cwd: string, abs: string): string {
  const r = relative(cwd, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

/** Ignore globs and the directory they are relative to (cwd for options, the config file's directory for the config). */
export interface IgnoreSet {
  base: string;
  globs: readonly string[];
}

export function collectFiles(paths: readonly string[], cwd: string, ignore: readonly IgnoreSet[]): FileEntry[] {
  const matchers = ignore.map(({ base, globs }) => ({ base, globs: globs.map((g) => new Minimatch(g, { dot: true })) }));
  const ignored = (rel: string) => {
    const abs = resolve(cwd, rel);
    return matchers.some(({ base, globs }) => {
      const r = toRelative(base, abs);
      return globs.some((m) => m.match(r) || m.match(`${r}/`));
    });
  };
  const out = new Map<string, FileEntry>();
  const addFile = (abs: string, error?: string) => {
    const rel = toRelative(cwd, abs);
    if (!out.has(abs) && !ignored(rel)) out.set(abs, error ? { abs, rel, error } : { abs, rel });
  };
  const walk = (dir: string, accept: (rel: string) => boolean) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      addFile(dir, `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const abs = join(dir, ent.name);
      const rel = toRelative(cwd, abs);
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(ent.name) && !ignored(rel)) walk(abs, accept);
      } else if ((ent.isFile() || ent.isSymbolicLink()) && LINTABLE.test(ent.name) && accept(rel)) {
        // A symlink is followed when read; a dangling one becomes a file-error there.
        addFile(abs);
      }
    }
  };
  for (const p of paths) {
    if (isGlob(p)) {
      const pattern = p.split(sep).join('/').replace(/^\.\//, '');
      const m = new Minimatch(pattern, { dot: false });
      const base = baseOf(pattern);
      walk(resolve(cwd, base), (rel) => m.match(rel));
      continue;
    }
    const abs = resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      let dangling = false;
      try {
        dangling = lstatSync(abs).isSymbolicLink();
      } catch {
        /* it does not exist at all */
      }
      addFile(abs, dangling ? 'dangling symbolic link' : code === 'ENOENT' ? 'no such file or directory' : `cannot access: ${code}`);
      continue;
    }
    if (isDir) walk(abs, () => true);
    else addFile(abs);
  }
  return [...out.values()];
}

/** The directory part of a glob before its first wildcard segment. */
function baseOf(pattern: string): string {
  const parts = pattern.split('/');
  const i = parts.findIndex(isGlob);
  return parts.slice(0, i < 0 ? parts.length : i).join('/') || '.';
}
