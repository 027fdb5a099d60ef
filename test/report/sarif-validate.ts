// A small structural check of a SARIF 2.1.0 log: the parts GitHub code scanning requires or
// reads (version, $schema, runs[].tool.driver, rules with ids and help, results with rule, level,
// message and a repository-relative physical location). Returns the problems, [] when none.

type Json = unknown;

const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isPosInt = (x: Json): x is number => Number.isInteger(x) && (x as number) >= 1;
const isAbsoluteUri = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);
const LEVELS = ['none', 'note', 'warning', 'error'];

export function validateSarif(log: Json): string[] {
  const errors: string[] = [];
  const fail = (where: string, what: string) => errors.push(`${where}: ${what}`);
  if (!isObject(log)) return ['log: not an object'];
  if (log['version'] !== '2.1.0') fail('version', `expected "2.1.0", got ${JSON.stringify(log['version'])}`);
  if (typeof log['$schema'] !== 'string' || !/^https?:\/\/.*sarif.*2\.1\.0.*\.json$/.test(log['$schema'])) fail('$schema', 'not a SARIF 2.1.0 schema URI');
  const runs = log['runs'];
  if (!Array.isArray(runs) || runs.length === 0) return [...errors, 'runs: not a non-empty array'];

  runs.forEach((run: Json, r) => {
    const at = `runs[${r}]`;
    if (!isObject(run)) return fail(at, 'not an object');
    const driver = isObject(run['tool']) ? run['tool']['driver'] : undefined;
    if (!isObject(driver)) return fail(`${at}.tool.driver`, 'missing');
    if (typeof driver['name'] !== 'string' || driver['name'] === '') fail(`${at}.tool.driver.name`, 'missing');
    const rules = driver['rules'];
    if (!Array.isArray(rules)) return fail(`${at}.tool.driver.rules`, 'not an array');
    const ids: string[] = [];
    rules.forEach((rule: Json, i) => {
      const rat = `${at}.tool.driver.rules[${i}]`;
      if (!isObject(rule) || typeof rule['id'] !== 'string' || rule['id'] === '') return fail(rat, 'no id');
      if (ids.includes(rule['id'])) fail(rat, `duplicate id ${rule['id']}`);
      ids.push(rule['id']);
      const help = rule['help'];
      const helpUri = rule['helpUri'];
      if (!(isObject(help) && typeof help['text'] === 'string') && !(typeof helpUri === 'string')) fail(rat, 'neither help.text nor helpUri');
      if (helpUri !== undefined && (typeof helpUri !== 'string' || !isAbsoluteUri(helpUri))) fail(`${rat}.helpUri`, 'not an absolute URI');
      const sd = rule['shortDescription'];
      if (sd !== undefined && !(isObject(sd) && typeof sd['text'] === 'string')) fail(`${rat}.shortDescription`, 'no text');
      const level = isObject(rule['defaultConfiguration']) ? rule['defaultConfiguration']['level'] : undefined;
      if (level !== undefined && !LEVELS.includes(level as string)) fail(`${rat}.defaultConfiguration.level`, String(level));
    });

    const bases = isObject(run['originalUriBaseIds']) ? run['originalUriBaseIds'] : {};
    const checkLocation = (loc: Json, lat: string) => {
      const phys = isObject(loc) ? loc['physicalLocation'] : undefined;
      if (!isObject(phys)) return fail(lat, 'no physicalLocation');
      const art = phys['artifactLocation'];
      if (!isObject(art) || typeof art['uri'] !== 'string') return fail(`${lat}.physicalLocation.artifactLocation.uri`, 'missing');
      const uri = art['uri'];
      if (isAbsoluteUri(uri) || uri.startsWith('/')) fail(`${lat}.physicalLocation.artifactLocation.uri`, `not relative: ${uri}`);
      if (/[ \\]/.test(uri)) fail(`${lat}.physicalLocation.artifactLocation.uri`, `not a URI reference: ${uri}`);
      if (art['uriBaseId'] !== undefined && !(String(art['uriBaseId']) in bases)) fail(`${lat}.physicalLocation.artifactLocation.uriBaseId`, 'not in originalUriBaseIds');
      const region = phys['region'];
      if (!isObject(region)) return fail(`${lat}.physicalLocation.region`, 'missing');
      const { startLine, startColumn, endLine, endColumn } = region;
      if (!isPosInt(startLine)) fail(`${lat}.region.startLine`, String(startLine));
      if (!isPosInt(startColumn)) fail(`${lat}.region.startColumn`, String(startColumn));
      if (endLine !== undefined && (!isPosInt(endLine) || endLine < (startLine as number))) fail(`${lat}.region.endLine`, String(endLine));
      if (endColumn !== undefined && !isPosInt(endColumn)) fail(`${lat}.region.endColumn`, String(endColumn));
      if ((endLine ?? startLine) === startLine && isPosInt(endColumn) && endColumn < (startColumn as number)) fail(`${lat}.region.endColumn`, 'before startColumn');
    };

    const results = run['results'];
    if (!Array.isArray(results)) return fail(`${at}.results`, 'not an array');
    results.forEach((res: Json, i) => {
      const rat = `${at}.results[${i}]`;
      if (!isObject(res)) return fail(rat, 'not an object');
      const ruleId = res['ruleId'];
      if (typeof ruleId !== 'string' || !ids.includes(ruleId)) fail(`${rat}.ruleId`, `not a driver rule: ${String(ruleId)}`);
      if (res['ruleIndex'] !== undefined && ids[res['ruleIndex'] as number] !== ruleId) fail(`${rat}.ruleIndex`, `does not point at ${String(ruleId)}`);
      if (!LEVELS.includes(res['level'] as string)) fail(`${rat}.level`, String(res['level']));
      const message = res['message'];
      if (!isObject(message) || typeof message['text'] !== 'string' || message['text'] === '') fail(`${rat}.message.text`, 'missing');
      const locations = res['locations'];
      if (!Array.isArray(locations) || locations.length === 0) return fail(`${rat}.locations`, 'not a non-empty array');
      locations.forEach((loc: Json, j) => checkLocation(loc, `${rat}.locations[${j}]`));
      const related = res['relatedLocations'];
      if (related !== undefined) {
        if (!Array.isArray(related)) return fail(`${rat}.relatedLocations`, 'not an array');
        related.forEach((loc: Json, j) => checkLocation(loc, `${rat}.relatedLocations[${j}]`));
      }
    });
  });
  return errors;
}
