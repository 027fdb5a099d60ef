// A small MNIST convnet in TensorFlow.js, built by a function called with constants.
// Correct: shapegrad lint reports nothing.
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SHAPE, IMAGE_SIZE, NUM_CLASSES } from './shared/constants.js';

export function createModel(inputShape: number[], classes: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape, filters: 8, kernelSize: 5, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: [2, 2] }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function train(): Promise<void> {
  const model = createModel(IMAGE_SHAPE, NUM_CLASSES);
  const batch = 64;
  const images = tf.randomUniform([batch, IMAGE_SIZE, IMAGE_SIZE, 1]);
  const labels = tf.oneHot(tf.tensor1d(new Array(batch).fill(3), 'int32'), NUM_CLASSES);
  await model.fit(images, labels, { epochs: 2, batchSize: 32 });
  const probe = tf.zeros([1, ...IMAGE_SHAPE]);
  const scores = model.predict(probe) as tf.Tensor;
  scores.print();

  // A hand-written linear probe on the flattened pixels, with the matching transpose.
  const pixels = images.reshape([batch, IMAGE_SIZE * IMAGE_SIZE]);
  const w = tf.variable(tf.randomNormal([NUM_CLASSES, IMAGE_SIZE * IMAGE_SIZE]));
  const logits = tf.matMul(pixels, w, false, true);
  const optimizer = tf.train.sgd(0.1);
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, logits));
}

void train();
