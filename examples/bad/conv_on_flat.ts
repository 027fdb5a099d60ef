// A convnet fed flat pixel vectors: Conv2D needs [batch, height, width, channels].
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 784, inputShape: [784], activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3 })); // expect: layer-shape-mismatch
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10 }));
