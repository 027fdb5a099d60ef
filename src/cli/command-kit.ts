// Pieces every command module shares: the declaration flags and writing the result.
import type { Argv } from 'yargs';
import type { Declarations } from '../expr/analyze.js';
import { parseAssumeFlags, parseShapeFlags } from './declarations.js';
import { readStdin } from './io.js';

export function finish(output: string, code: number): void {
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  process.exitCode = code;
}

export function shapeOptions<T>(y: Argv<T>) {
  return y
    .option('shape', { type: 'string', array: true, describe: 'declare a shape: NAME=m,n (matrix), NAME=n (column vector), NAME=scalar', requiresArg: true })
    .option('assume', { type: 'string', array: true, describe: 'NAME=symmetric: test values for NAME are symmetric', requiresArg: true });
}

export function declarationsFrom(args: Record<string, unknown>): Declarations {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
  return { shapes: parseShapeFlags(list(args.shape)), symmetric: parseAssumeFlags(list(args.assume)) };
}

/**
 * The expression argument as typed (see protectExpressions in main.ts); `-` reads it from stdin,
 * since an argument is capped at 128 KB by the OS. yargs hands a lone `-` over as '', so the raw
 * argv tells it apart from an empty expression.
 */
export async function expressionArg(v: unknown): Promise<string> {
  if (v === '' && process.argv.slice(2).includes('-')) return readStdin();
  return String(v).replace(/^ (?=-)/, '');
}
