# A Keras MNIST classifier with a custom training step. Correct: shapegrad lint reports nothing.
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

NUM_CLASSES = 10
INPUT_SHAPE = (28, 28, 1)


def build_model(input_shape, num_classes):
    inputs = keras.Input(shape=input_shape)
    x = layers.Conv2D(32, kernel_size=(3, 3), activation="relu")(inputs)
    x = layers.MaxPooling2D(pool_size=(2, 2))(x)
    x = layers.Conv2D(64, kernel_size=(3, 3), activation="relu")(x)
    x = layers.MaxPooling2D(pool_size=(2, 2))(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


model = build_model(INPUT_SHAPE, NUM_CLASSES)
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])

x_train = np.random.rand(256, 28, 28, 1)
y_train = keras.utils.to_categorical(np.random.randint(0, 10, size=(256,)), NUM_CLASSES)
model.fit(x_train, y_train, batch_size=128, epochs=1)

optimizer = keras.optimizers.SGD(learning_rate=0.01)
loss_fn = keras.losses.CategoricalCrossentropy()
for step in range(3):
    with tf.GradientTape() as tape:
        predictions = model(x_train[:32], training=True)
        loss = loss_fn(y_train[:32], predictions)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))
    for W, grad in zip(model.trainable_weights, grads):
        W.assign_sub(0.0 * grad)
