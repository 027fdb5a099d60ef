// The colour decision, made once per run by the CLI and injected into reporters as a Chalk
// instance. chalk@5 reads neither NO_COLOR nor our flags, and its default instance is global:
// a reporter that used it would colour a VS Code task's output or a piped file.
//
// Precedence, strongest first (Node's own tty.getColorDepth puts FORCE_COLOR before NO_COLOR):
//   --no-color / --color  >  FORCE_COLOR  >  NO_COLOR (non-empty)  >  TERM=dumb  >  isTTY

import { Chalk, type ChalkInstance } from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;

export interface ColorChoice {
  /** `true` for `--color`, `false` for `--no-color`, absent when neither was given. */
  color?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the stream the report goes to is a terminal. */
  isTTY: boolean;
}

export function colorLevel(choice: ColorChoice): ColorLevel {
  const { env } = choice;
  if (choice.color === false) return 0;
  if (choice.color === true) return Math.max(1, depth(env)) as ColorLevel;
  const forced = env['FORCE_COLOR'];
  if (forced !== undefined) {
    // supports-color's reading: '', 'true' and '1' mean basic colour, '2'/'3' more, '0'/'false' none.
    if (forced === '0' || forced === 'false') return 0;
    if (forced === '2' || forced === '3') return Number(forced) as ColorLevel;
    return Math.max(1, depth(env)) as ColorLevel;
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  if (env['TERM'] === 'dumb') return 0;
  return choice.isTTY ? depth(env) : 0;
}

export function makeChalk(choice: ColorChoice): ChalkInstance {
  return new Chalk({ level: colorLevel(choice) });
}

/** How many colours the terminal claims, from the usual variables; at least basic colour. */
function depth(env: ColorChoice['env']): ColorLevel {
  const colorterm = env['COLORTERM'];
  if (colorterm === 'truecolor' || colorterm === '24bit') return 3;
  if (env['TERM'] !== undefined && /-256(color)?$/.test(env['TERM'])) return 2;
  return 1;
}
