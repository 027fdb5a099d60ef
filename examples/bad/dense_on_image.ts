// Dense straight after a convolution, with no Flatten: one prediction per pixel.
import * as tf from '@tensorflow/tfjs';

const IMAGE = 32;
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [IMAGE, IMAGE, 3], filters: 16, kernelSize: 3, padding: 'same' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }), // expect: dense-on-high-rank
  ],
});
