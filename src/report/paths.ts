// Paths as reporters print them: relative to the repository root with forward slashes, the
// form SARIF, GitHub annotations and VS Code's `fileLocation: relative` all resolve.

import path from 'node:path';

/** `filePath` relative to `cwd` (it usually already is), with forward slashes. */
export function displayPath(filePath: string, cwd: string): string {
  const rel = path.isAbsolute(filePath) ? path.relative(cwd, filePath) : filePath;
  return rel.split(path.sep).join('/').replace(/\\/g, '/');
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`). */
export function pathToUriReference(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}
