// Keras writes `kernel_size`, TF.js `kernelSize`: the front ends normalize every config key to the
// TF.js spelling so that layer rules read one name.

const aliases: Record<string, string> = {
  batchShape: 'batchInputShape', // Keras 3 InputLayer
};

const normalized = new Map<string, string>();

export function normalizeConfigKey(key: string): string {
  let out = normalized.get(key);
  if (out === undefined) {
    const camel = key.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    out = aliases[camel] ?? camel;
    // Keys come from a small vocabulary; the bound only guards against generated junk.
    if (normalized.size < 10_000) normalized.set(key, out);
  }
  return out;
}
