// A small JSON parser that keeps source offsets, so findings in model.json point at the layer.
// JSON.parse cannot tell where a value came from.

export type JsonNode =
  | { type: 'object'; fields: Map<string, { key: number; value: JsonNode }>; start: number; end: number }
  | { type: 'array'; items: JsonNode[]; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'boolean'; value: boolean; start: number; end: number }
  | { type: 'null'; value: null; start: number; end: number };

// Sticky regexes match at an offset without copying the rest of the text.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\.)*"/y;
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity/y;

export function parseJsonWithOffsets(text: string): { node: JsonNode } | { error: string; offset: number } {
  let i = 0;
  const fail = (msg: string): never => {
    throw Object.assign(new Error(msg), { offset: i });
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (depth: number): JsonNode => {
    if (depth > 500) fail('nesting too deep');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const fields = new Map<string, { key: number; value: JsonNode }>();
      ws();
      if (text[i] === '}') return (i++, { type: 'object', fields, start, end: i });
      for (;;) {
        ws();
        const keyAt = i;
        const k = value(depth + 1);
        if (k.type !== 'string') fail('expected a string key');
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        fields.set((k as { value: string }).value, { key: keyAt, value: value(depth + 1) });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return (i++, { type: 'object', fields, start, end: i });
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') return (i++, { type: 'array', items, start, end: i });
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return (i++, { type: 'array', items, start, end: i });
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') {
      STRING.lastIndex = i;
      const m = STRING.exec(text);
      if (!m) fail('unterminated string');
      i += m![0].length;
      return { type: 'string', value: JSON.parse(m![0]) as string, start, end: i };
    }
    LITERAL.lastIndex = i;
    const lit = LITERAL.exec(text);
    if (!lit) fail(i >= text.length ? 'unexpected end of input' : `unexpected character '${c}'`);
    i += lit![0].length;
    const t = lit![0];
    if (t === 'true' || t === 'false') return { type: 'boolean', value: t === 'true', start, end: i };
    if (t === 'null') return { type: 'null', value: null, start, end: i };
    return { type: 'number', value: Number(t), start, end: i };
  };
  try {
    const node = value(0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { node };
  } catch (e) {
    const err = e as Error & { offset?: number };
    return { error: err.message, offset: err.offset ?? i };
  }
}
