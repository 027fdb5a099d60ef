// A later layer's inputShape that contradicts what flows into it.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputShape: [20] }));
model.add(tf.layers.dense({ units: 10, inputShape: [32] })); // expect: layer-shape-mismatch
