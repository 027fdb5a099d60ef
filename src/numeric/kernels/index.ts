// The Float64 kernels of shapegrad's numeric layer, in one import.
export * from './matrix.js';
export * from './matmul.js';
export * from './elementwise.js';
export * from './reduce.js';
export * from './lu.js';
export * from './random.js';
