# An LSTM given one feature vector per sample (no time axis), and a merge of mismatched branches.
import tensorflow as tf
from tensorflow.keras import layers

inputs = tf.keras.Input(shape=(64,))
seq = layers.LSTM(32)(inputs)  # expect: layer-shape-mismatch
left = layers.Dense(32)(inputs)
right = layers.Dense(16)(inputs)
both = layers.Concatenate(axis=0)([left, right])  # expect: layer-shape-mismatch
merged = layers.Multiply()([left, right])  # expect: layer-shape-mismatch
model = tf.keras.Model(inputs=inputs, outputs=merged)
