// Terminal samples in the docs: ```console blocks that start with `$ shapegrad ARGS` (or
// `$ npx shapegrad ARGS`) followed by the output. The tests compare them with the real CLI and
// `npm run docs` rewrites them, so a guide never shows output the tool no longer prints.
import { spawnSync } from 'node:child_process';

export const SAMPLE_FILES = ['README.md', 'docs/getting-started.md', 'docs/derive.md'];

const BLOCK = /```console\n\$ ((?:npx )?shapegrad) (.*)\n([\s\S]*?)```/g;

/** Shell-like words: double-quoted strings keep their spaces and single quotes. */
export function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

export function runSample(cli: string, root: string, command: string): string {
  const r = spawnSync(process.execPath, [cli, ...words(command)], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  return (r.stdout + r.stderr).trimEnd();
}

export interface Sample {
  command: string;
  shown: string;
}

export function samples(text: string): Sample[] {
  return [...text.matchAll(BLOCK)].map((m) => ({ command: m[2]!, shown: m[3]!.trimEnd() }));
}

/** The text with every sample's output replaced by what the CLI prints now. */
export function refreshSamples(text: string, cli: string, root: string): string {
  return text.replace(BLOCK, (_all, prog: string, command: string) => `\`\`\`console\n$ ${prog} ${command}\n${runSample(cli, root, command)}\n\`\`\``);
}
