// Every layer rule, listed explicitly (no registration side effects). Adding a layer family means
// adding its file and one line here.
import type { LayerRule } from '../../src/lint/layer-rule.js';
import { dense } from './dense.js';
import { conv1d, conv2d } from './conv.js';
import { averagePooling1d, averagePooling2d, maxPooling1d, maxPooling2d } from './pooling.js';
import { globalAveragePooling1d, globalAveragePooling2d, globalMaxPooling1d, globalMaxPooling2d } from './global-pooling.js';
import { flatten } from './flatten.js';
import { reshape } from './reshape.js';
import { activation, dropout } from './identity.js';
import { batchNormalization, layerNormalization } from './normalization.js';
import { embedding } from './embedding.js';
import { gru, lstm, simpleRNN } from './recurrent.js';
import { add, concatenate, multiply } from './merge.js';
import { permute, repeatVector, upSampling2d, zeroPadding2d } from './spatial.js';
import { bidirectional, timeDistributed } from './wrappers.js';

export const layerRules: readonly LayerRule[] = [
  dense, conv1d, conv2d,
  maxPooling1d, maxPooling2d, averagePooling1d, averagePooling2d,
  globalAveragePooling1d, globalAveragePooling2d, globalMaxPooling1d, globalMaxPooling2d,
  flatten, reshape, dropout, activation, batchNormalization, layerNormalization, embedding,
  simpleRNN, lstm, gru, concatenate, add, multiply,
  upSampling2d, zeroPadding2d, repeatVector, permute, timeDistributed, bidirectional,
];

const byName = new Map<string, LayerRule>();
for (const rule of layerRules) for (const name of rule.names) byName.set(name, rule);

/** The rule for a class or factory name (`Conv2D`, `conv2d`, `MaxPool2D`), or undefined. */
export function findLayerRule(name: string): LayerRule | undefined {
  return byName.get(name.toLowerCase());
}
