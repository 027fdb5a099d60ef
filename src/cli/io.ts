// What every command shares: the colour decision, writing output, exit codes.
import { Chalk, type ChalkInstance } from 'chalk';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * All of stdin as text. Not readFileSync(0): on a pipe that is non-blocking it fails with EAGAIN
 * as soon as the writer is slower than the reader (a 1 MB expression piped in).
 */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Thrown for bad flags: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

export interface OutputOptions {
  color?: boolean;
  unicode?: boolean;
  format?: string;
}

/** Colour is decided once here (chalk itself ignores NO_COLOR) and injected everywhere else. */
export function chalkFor(opts: { color?: boolean }, stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const env = process.env;
  let on = !!stream.isTTY;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') on = false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') on = true;
  if (opts.color === false) on = false;
  if (opts.color === true) on = true;
  return new Chalk({ level: on ? 1 : 0 });
}
