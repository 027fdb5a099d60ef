// shapegrad.config.json: rule severities and ignore globs. Found upward from cwd unless given
// explicitly. A broken config is an Error with a clear message (the CLI maps it to exit code 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type RuleSetting = 'off' | 'warn' | 'error';

export interface LintConfig {
  rules: Record<string, RuleSetting>;
  ignore: string[];
  /** Where it was read from, if anywhere. */
  path?: string;
}

export const CONFIG_NAME = 'shapegrad.config.json';

export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Read and validate a config file; `knownIds` are the rule ids a `rules` entry may name. */
export function loadConfig(path: string, knownIds: readonly string[]): LintConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateConfig(raw, knownIds, path);
}

export function validateConfig(raw: unknown, knownIds: readonly string[], where: string): LintConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`config ${where}: expected a JSON object with "rules" and/or "ignore"`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'rules' && key !== 'ignore' && key !== '$schema') throw new Error(`config ${where}: unknown key "${key}" (allowed: "rules", "ignore")`);
  }
  const config: LintConfig = { rules: validateRules(obj['rules'] ?? {}, knownIds, where), ignore: [], path: where };
  const ignore = obj['ignore'] ?? [];
  if (!Array.isArray(ignore) || ignore.some((g) => typeof g !== 'string')) throw new Error(`config ${where}: "ignore" must be an array of glob strings`);
  config.ignore = ignore as string[];
  return config;
}

export function validateRules(rules: unknown, knownIds: readonly string[], where: string): Record<string, RuleSetting> {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new Error(`${where}: "rules" must be an object mapping rule ids to "off", "warn" or "error"`);
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
    if (!knownIds.includes(id)) throw new Error(`${where}: unknown rule "${id}" (known rules: ${knownIds.join(', ')})`);
    const s = setting === 'warning' ? 'warn' : setting;
    if (s !== 'off' && s !== 'warn' && s !== 'error') throw new Error(`${where}: rule "${id}" has severity ${JSON.stringify(setting)}; use "off", "warn" or "error"`);
    out[id] = s;
  }
  return out;
}
