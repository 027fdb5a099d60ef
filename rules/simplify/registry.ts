// Every rewrite rule, in the order they are tried.
import type { RewriteRule } from '../../src/calculus/rewrite-spec.js';
import { identities } from './identities.js';
import { products } from './products.js';

export const allRewriteRules: readonly RewriteRule[] = [...identities, ...products];
