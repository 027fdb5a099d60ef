# Too much downsampling for a small image: the last pooling window no longer fits.
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(12, 12, 3)),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(4),  # expect: empty-dimension
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
