// Pieces every command module shares: the declaration flags and writing the result.
import type { Argv } from 'yargs';
import type { Analysis, Declarations } from '../expr/analyze.js';
import { parseAssumeFlags, parseShapeFlags } from './declarations.js';
import { readStdin, UsageError } from './io.js';

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
  const shapes = parseShapeFlags(list(args.shape));
  const symmetric = parseAssumeFlags(list(args.assume));
  for (const name of symmetric) {
    const d = shapes.get(name);
    if (d && !(d.length === 2 && d[0] === d[1]) && d.length !== 0) {
      throw new UsageError(`--assume ${name}=symmetric: ${name} is declared [${d.join('×')}${d.length === 1 ? '×1' : ''}], but a symmetric matrix is square`);
    }
  }
  return { shapes, symmetric };
}

/**
 * The expression argument as typed (see protectExpressions in main.ts); `-` reads it from stdin,
 * since an argument is capped at 128 KB by the OS. yargs hands a lone `-` over as '', so the raw
 * argv tells it apart from an empty expression.
 */
export async function expressionArg(v: unknown): Promise<string> {
  if (v === '' && process.argv.slice(2).includes('-')) return readStdin();
  return unprotect(String(v));
}

/** Take off the space protectExpressions put before an argument that starts with '-'. */
export function unprotect(v: string): string {
  return v.replace(/^ (?=-)/, '');
}

/** `--assume Q=symmetric` for a Q the expression never uses is a typo the user should hear about. */
export function assertAssumptionsUsed(a: Analysis): void {
  const unused = a.elaborated?.unusedAssumptions ?? [];
  if (unused.length > 0) {
    const known = [...(a.elaborated?.variables.keys() ?? [])].join(', ') || 'none';
    throw new UsageError(`--assume ${unused[0]}=symmetric: '${unused[0]}' does not appear in the expression (its variables: ${known})`);
  }
}
