// Ten-class softmax trained with integer labels and a categorical loss; a model with one unit
// and categorical crossentropy.
import * as tf from '@tensorflow/tfjs';

const classifier = tf.sequential();
classifier.add(tf.layers.dense({ units: 10, inputShape: [16], activation: 'softmax' }));
classifier.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const features = tf.randomNormal([200, 16]);
const classIds = tf.zeros([200]);
await classifier.fit(features, classIds); // expect: label-shape-mismatch

const detector = tf.sequential();
detector.add(tf.layers.dense({ units: 1, inputShape: [16] }));
detector.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' }); // expect: label-shape-mismatch
