// Running the CLI as a real binary (the compiled main.js), with colour off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export function run(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  // FORCE_COLOR (even empty) would win over NO_COLOR, as in supports-color: drop it.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env,
    ...(input !== undefined ? { input } : {}),
    timeout: 30_000,
    maxBuffer: 256 * 1024 * 1024, // thousands of diagnostics are tens of MB
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** No stack frames, no Node internals: what users see on stderr for bad input. */
export function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at /, stderr);
  assert.doesNotMatch(stderr, /node:internal|RangeError|TypeError|Maximum call stack/, stderr);
}

