// Read and lint one collected file; shared by the main thread and the worker threads.
import { readFileSync } from 'node:fs';
import type { FileEntry } from './files.js';
import { fileError, lintText, type FileOptions, type FileResult } from './lint-file.js';

export function lintEntry(f: FileEntry, opts: FileOptions): FileResult {
  const { rules } = opts;
  if (f.error) return { filePath: f.rel, diagnostics: fileError(f.rel, `cannot lint ${f.rel}: ${f.error}`, 'error', rules) };
  let text: string;
  try {
    text = readFileSync(f.abs, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EISDIR' ? 'it is a directory' : err.code === 'ENOENT' ? 'no such file (or a dangling link)' : err.code === 'EACCES' ? 'permission denied' : err.message;
    return { filePath: f.rel, diagnostics: fileError(f.rel, `cannot read ${f.rel}: ${why}`, 'error', rules) };
  }
  return lintText(f.rel, f.abs, text, opts);
}
