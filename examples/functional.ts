// The functional API: two inputs, a shared trunk, concatenation and a residual add.
// Correct: shapegrad lint reports nothing.
import * as tf from '@tensorflow/tfjs';

const text = tf.input({ shape: [20] });
const tokens = tf.layers.embedding({ inputDim: 1000, outputDim: 16 }).apply(text) as tf.SymbolicTensor;
const encoded = tf.layers.lstm({ units: 32, returnSequences: true }).apply(tokens) as tf.SymbolicTensor;
const perStep = tf.layers.dense({ units: 32 }).apply(encoded) as tf.SymbolicTensor;
const residual = tf.layers.add().apply([encoded, perStep]) as tf.SymbolicTensor;
const pooled = tf.layers.globalAveragePooling1d({}).apply(residual) as tf.SymbolicTensor;

const meta = tf.input({ shape: [8] });
const metaHidden = tf.layers.dense({ units: 16, activation: 'relu' }).apply(meta) as tf.SymbolicTensor;

const joined = tf.layers.concatenate().apply([pooled, metaHidden]) as tf.SymbolicTensor;
const normed = tf.layers.batchNormalization().apply(joined) as tf.SymbolicTensor;
const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(normed) as tf.SymbolicTensor;

export const model = tf.model({ inputs: [text, meta], outputs: output });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
