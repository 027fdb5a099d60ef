# Keras's functional merge helpers: a residual add and a skip concatenation at the wrong resolution.
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 16))
x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
down = layers.MaxPooling2D(2)(x)
residual = layers.add([x, inputs])  # correct: both [32×32×16]
wrong = layers.add([down, inputs])  # expect: layer-shape-mismatch
skip = layers.concatenate([down, x], axis=-1)  # expect: layer-shape-mismatch
