import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorLevel, makeChalk, type ColorChoice } from '../../src/report/color.js';

// [description, --color flag, env, isTTY, expected level]
const table: [string, boolean | undefined, Record<string, string>, boolean, number][] = [
  ['a plain terminal', undefined, {}, true, 1],
  ['a 256-colour terminal', undefined, { TERM: 'xterm-256color' }, true, 2],
  ['a truecolor terminal', undefined, { COLORTERM: 'truecolor' }, true, 3],
  ['a pipe', undefined, {}, false, 0],
  ['a pipe in a 256-colour terminal', undefined, { TERM: 'xterm-256color' }, false, 0],
  ['a dumb terminal', undefined, { TERM: 'dumb' }, true, 0],
  ['NO_COLOR=1 in a terminal', undefined, { NO_COLOR: '1' }, true, 0],
  ['NO_COLOR empty is not set', undefined, { NO_COLOR: '' }, true, 1],
  ['FORCE_COLOR=1 in a pipe', undefined, { FORCE_COLOR: '1' }, false, 1],
  ['FORCE_COLOR empty in a pipe', undefined, { FORCE_COLOR: '' }, false, 1],
  ['FORCE_COLOR=true in a pipe', undefined, { FORCE_COLOR: 'true' }, false, 1],
  ['FORCE_COLOR=2', undefined, { FORCE_COLOR: '2' }, false, 2],
  ['FORCE_COLOR=3', undefined, { FORCE_COLOR: '3' }, false, 3],
  ['FORCE_COLOR=0 in a terminal', undefined, { FORCE_COLOR: '0' }, true, 0],
  ['FORCE_COLOR=false in a terminal', undefined, { FORCE_COLOR: 'false' }, true, 0],
  ['FORCE_COLOR in a truecolor pipe', undefined, { FORCE_COLOR: '1', COLORTERM: 'truecolor' }, false, 3],
  ['FORCE_COLOR beats NO_COLOR (as in Node)', undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, 1],
  ['FORCE_COLOR beats TERM=dumb', undefined, { FORCE_COLOR: '1', TERM: 'dumb' }, false, 1],
  ['--color in a pipe', true, {}, false, 1],
  ['--color with NO_COLOR', true, { NO_COLOR: '1' }, false, 1],
  ['--color with FORCE_COLOR=0', true, { FORCE_COLOR: '0' }, false, 1],
  ['--color in a 256-colour pipe', true, { TERM: 'screen-256color' }, false, 2],
  ['--no-color in a terminal', false, {}, true, 0],
  ['--no-color with FORCE_COLOR=3', false, { FORCE_COLOR: '3' }, true, 0],
  ['--no-color in a pipe', false, {}, false, 0],
];

for (const [name, color, env, isTTY, expected] of table) {
  test(`colour: ${name} → level ${expected}`, () => {
    const choice: ColorChoice = { env, isTTY, ...(color !== undefined ? { color } : {}) };
    assert.equal(colorLevel(choice), expected);
    const chalk = makeChalk(choice);
    assert.equal(chalk.level, expected);
    assert.equal(chalk.red('x') === 'x', expected === 0);
  });
}

test('colour: each instance is separate; the global chalk is untouched', async () => {
  const { default: globalChalk } = await import('chalk');
  const before = globalChalk.level;
  const off = makeChalk({ color: false, env: {}, isTTY: true });
  const on = makeChalk({ color: true, env: {}, isTTY: false });
  assert.equal(off.level, 0);
  assert.equal(on.level, 1);
  assert.equal(globalChalk.level, before);
});
