// The seed program (a Keras blog post's backprop walk-through) written with TensorFlow.js.
// It has the same three mistakes: shapegrad lint reports each of them.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [100] }));
model.add(tf.layers.dense({ units: 10 }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
model.summary();

const xs = tf.randomUniform([100, 10]);
const ys = tf.round(tf.randomUniform([100, 1]));
await model.fit(xs, ys);

const { grads } = tf.variableGrads(() => model.predict(xs) as tf.Scalar);
const lr = 0.005;
for (const w of model.trainableWeights.map((v) => v.read())) {
  w.sub(grads[w.name]!.mul(lr));
}
