// Keras writes `kernel_size`, TF.js `kernelSize`: the front ends normalize every config key to the
// TF.js spelling so that layer rules read one name.

const aliases: Record<string, string> = {
  batchShape: 'batchInputShape', // Keras 3 InputLayer
};

export function normalizeConfigKey(key: string): string {
  const camel = key.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return aliases[camel] ?? camel;
}
