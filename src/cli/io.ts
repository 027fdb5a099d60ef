// What every command shares: the colour decision, writing output, exit codes.
import type { ChalkInstance } from 'chalk';
import { makeChalk, type ColorChoice } from '../report/color.js';

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


/** Colour is decided once, from the flags, the environment and the stream (chalk ignores NO_COLOR). */
export function chalkFor(args: Record<string, unknown>, stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const choice: ColorChoice = { env: process.env, isTTY: !!stream.isTTY };
  if (typeof args.color === 'boolean') choice.color = args.color;
  return makeChalk(choice);
}
