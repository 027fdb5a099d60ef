// Abstract functions: a name that is not built in, applied like E(o), is a scalar function of
// its argument whose gradient ∇E(o) (ASCII grad_E(o)) has the argument's shape.
import type { OpSpec } from '../../src/expr/op-spec.js';

export const abstract: OpSpec[] = [
  {
    name: 'apply', category: 'abstract', syntax: 'F(X)', shape: 'X:[m,n] -> [1,1]',
    vjp: { X: 'G * grad_F(X)' },
    doc: 'An abstract scalar function F of X (any name that is not built in).', example: 'E(σ(W*h))',
  },
  {
    name: 'grad', category: 'abstract', syntax: '∇F(X)', aliases: ['grad_F'], shape: 'X:[m,n] -> [m,n]',
    doc: 'The gradient of the abstract function F at X, with the shape of X (ASCII: grad_F(X)).', example: '∇E(o) .* o',
  },
];
