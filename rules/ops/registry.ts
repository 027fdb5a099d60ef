// Every op of the language, in documentation order. Adding an op: add its entry to a family file.
import type { OpSpec } from '../../src/expr/op-spec.js';
import { operators } from './operators.js';
import { elementwise } from './elementwise.js';
import { reductions } from './reductions.js';
import { linalg } from './linalg.js';
import { constructors } from './constructors.js';
import { abstract } from './abstract.js';

export const allOps: readonly OpSpec[] = [...operators, ...elementwise, ...reductions, ...linalg, ...constructors, ...abstract];
