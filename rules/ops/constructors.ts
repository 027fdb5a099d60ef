// Constant matrices; their arguments are dims (numbers or symbols).
import type { OpSpec } from '../../src/expr/op-spec.js';

export const constructors: OpSpec[] = [
  { name: 'ones', category: 'constructor', syntax: 'ones(r, c)', shape: 'constructor', doc: 'The r×c matrix of ones.', example: 'ones(1, m)*X' },
  { name: 'zeros', category: 'constructor', syntax: 'zeros(r, c)', shape: 'constructor', doc: 'The r×c matrix of zeros.', example: 'zeros(m, 1)' },
  { name: 'eye', category: 'constructor', syntax: 'eye(n)', shape: 'constructor', doc: 'The n×n identity matrix.', example: 'X + eye(n)' },
];
