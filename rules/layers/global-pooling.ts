// Global pooling: reduce every spatial axis, keep batch and channels.
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { requireRank, word } from '../../src/lint/layer-kit.js';

function globalPooling(family: string, names: string[], spatial: number): LayerRule {
  const axes = spatial === 1 ? '[batch, steps, channels]' : '[batch, height, width, channels]';
  return {
    family,
    names,
    output([x], c) {
      const bad = requireRank(x!, spatial + 2, axes);
      if (bad) return bad;
      const channelsFirst = word(c, 'dataFormat', 'channelsLast') === 'channelsfirst';
      return { shape: [x![0]!, channelsFirst ? x![1]! : x![x!.length - 1]!] };
    },
  };
}

export const globalAveragePooling1d = globalPooling('globalAveragePooling1d', ['globalaveragepooling1d', 'globalavgpool1d'], 1);
export const globalAveragePooling2d = globalPooling('globalAveragePooling2d', ['globalaveragepooling2d', 'globalavgpool2d'], 2);
export const globalMaxPooling1d = globalPooling('globalMaxPooling1d', ['globalmaxpooling1d', 'globalmaxpool1d'], 1);
export const globalMaxPooling2d = globalPooling('globalMaxPooling2d', ['globalmaxpooling2d', 'globalmaxpool2d'], 2);
