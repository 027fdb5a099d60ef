// Every lint rule, in the order they run. Adding a rule: its file, one line here, its docs page.
import type { LintRule } from '../../src/lint/rule.js';
import { inputShapeMismatch } from './input-shape-mismatch.js';
import { labelShapeMismatch } from './label-shape-mismatch.js';
import { layerShapeMismatch } from './layer-shape-mismatch.js';
import { emptyDimension } from './empty-dimension.js';
import { denseOnHighRank } from './dense-on-high-rank.js';
import { matmulShapeMismatch } from './matmul-shape-mismatch.js';
import { gradientOfNonScalar } from './gradient-of-non-scalar.js';
import { discardedUpdate } from './discarded-update.js';

export const lintRules: readonly LintRule[] = [
  inputShapeMismatch,
  labelShapeMismatch,
  layerShapeMismatch,
  emptyDimension,
  denseOnHighRank,
  matmulShapeMismatch,
  gradientOfNonScalar,
  discardedUpdate,
];
