// Shapes in words, for messages: "100 features per sample", "[?×28×28×1]".
import { formatShape, type Shape } from '../shape/dim.js';

export const fmt = (s: Shape) => formatShape(s);

/** What one sample of a batch-first shape looks like, in words. */
export function perSample(s: Shape): string {
  const rest = s.slice(1);
  if (rest.length === 1) return `${rest[0] ?? '?'} feature${rest[0] === 1 ? '' : 's'} per sample`;
  if (rest.length === 0) return 'one value per sample';
  return `samples of shape ${fmt(rest)}`;
}

export function code(text: string): string {
  return `\`${text}\``;
}

export function isPython(filePath: string): boolean {
  return /\.py$/i.test(filePath);
}

/** Normalized loss id: `binary_crossentropy`, `binaryCrossentropy`, `BinaryCrossentropy` → `binarycrossentropy`. */
export function lossId(name: string): string {
  return name.toLowerCase().replace(/[_\s]/g, '');
}
