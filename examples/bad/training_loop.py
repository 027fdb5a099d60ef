# A manual training loop: gradients of the prediction, and an update that is thrown away.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(8, input_shape=(4,)), tf.keras.layers.Dense(1)])
x = np.random.rand(64, 4)
y = np.random.rand(64, 1)
opt = tf.keras.optimizers.SGD(0.01)
with tf.GradientTape() as tape:
    pred = model(x)
grads = tape.gradient(pred, model.trainable_variables)  # expect: gradient-of-non-scalar
for v, g in zip(model.trainable_variables, grads):
    v = v - 0.01 * g  # expect: discarded-update
model.evaluate(np.random.rand(10, 5), np.random.rand(10, 1))  # expect: input-shape-mismatch
