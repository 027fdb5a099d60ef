// Layers that keep their input shape: dropout, activations.
import type { LayerRule } from '../../src/lint/layer-rule.js';

function sameShape(family: string, names: string[], positional: string[]): LayerRule {
  return { family, names, positional, output: ([x]) => ({ shape: x }) };
}

export const dropout = sameShape('dropout', ['dropout', 'spatialdropout1d', 'spatialdropout2d', 'gaussiandropout', 'gaussiannoise', 'alphadropout'], ['rate']);
export const activation = sameShape('activation', ['activation', 'relu', 'softmax', 'leakyrelu', 'elu', 'prelu', 'thresholdedrelu'], ['activation']);
