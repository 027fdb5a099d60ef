# A file that does not parse: one parse-error, and the rest of the run goes on.
import tensorflow as tf
model = tf.keras.Sequential(
    tf.keras.layers.Dense(10  # expect: parse-error
