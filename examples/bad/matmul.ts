// A hand-written layer with its weight matrix the wrong way round.
import * as tf from '@tensorflow/tfjs';

const batch = 32;
const x = tf.randomNormal([batch, 784]);
const W = tf.variable(tf.randomNormal([784, 128]));
const h = tf.matMul(x, W, false, true); // expect: matmul-shape-mismatch
const y = x.matMul(W);
