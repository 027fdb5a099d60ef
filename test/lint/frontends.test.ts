// What the front ends understand (and, as important, what they leave unknown): constants,
// arithmetic, `.shape`, imports across files, builder functions, both Keras and TF.js spellings,
// and model.json in Keras 2 / Keras 3 / TF.js layouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectSource, summarizeModels } from '../../src/lint/inspect.js';
import { lint, lintSource } from '../../src/lint/index.js';

const models = (file: string, code: string) => summarizeModels(inspectSource(file, code)!);
const rules = (file: string, code: string) => lintSource(file, code, { cwd: tmpdir() }).diagnostics.map((d) => `${d.span.line} ${d.ruleId}`);

test('Python: input_shape=(100) is the int 100, read as (100,)', () => {
  assert.deepEqual(models('m.py', `import tensorflow as tf
model = tf.keras.models.Sequential()
model.add(tf.keras.layers.InputLayer(input_shape=(100)))
model.add(tf.keras.layers.Dense(10))
`), ['model: [?×100] → [?×10]']);
});

test('Python: imported names, keyword and positional config, functional API with positional inputs', () => {
  assert.deepEqual(models('m.py', `from tensorflow.keras.layers import Dense, Conv2D, Flatten, Input
from tensorflow.keras.models import Model
inp = Input((32, 32, 3))
x = Conv2D(filters=8, kernel_size=3, strides=2, padding="same")(inp)
x = Flatten()(x)
out = Dense(units=5)(x)
m = Model(inp, out)
`), ['m: [?×32×32×3] → [?×5]']);
});

test('TS: constants, arithmetic, .shape of a known tensor, tensor2d with an explicit shape', () => {
  assert.deepEqual(models('m.ts', `import * as tf from '@tensorflow/tfjs';
const SIDE = 28;
const HIDDEN = [128, 64];
const xs = tf.tensor2d(data, [1000, SIDE * SIDE]);
const input = tf.input({ shape: [xs.shape[1]] });
const h = tf.layers.dense({ units: HIDDEN[0] / 2 }).apply(input);
const out = tf.layers.dense({ units: HIDDEN.length }).apply(h);
const model = tf.model({ inputs: input, outputs: out });
`), ['model: [?×784] → [?×2]']);
  assert.deepEqual(rules('m.ts', `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
model.predict(tf.tensor([[1, 2], [3, 4]]));
`), ['3 input-shape-mismatch']);
});

test('TS: builder functions called with constants are followed; with unknown arguments they stay silent', () => {
  const builder = `import * as tf from '@tensorflow/tfjs';
function createModel(inputDim: number, classes: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [inputDim], activation: 'relu' }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  return model;
}
`;
  assert.deepEqual(rules('m.ts', `${builder}const model = createModel(784, 10);
model.predict(tf.zeros([5, 100]));
`), ['9 input-shape-mismatch']);
  assert.deepEqual(rules('m.ts', `${builder}const model = createModel(readDim(), 10);
model.predict(tf.zeros([5, 100]));
`), []);
  assert.deepEqual(rules('m.ts', builder), []);
});

test('unknown never produces a finding: branches, loops, unknown calls, unknown layers', () => {
  assert.deepEqual(rules('m.py', `import tensorflow as tf
n = 10
if big:
    n = 100
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(n,))])
model.predict(tf.zeros((4, 100)))
`), []);
  assert.deepEqual(rules('m.py', `import tensorflow as tf
from tensorflow.keras import layers
model = tf.keras.Sequential([layers.Input((8,))])
for units in [64, 32]:
    model.add(layers.Dense(units))
model.add(MyCustomLayer())
model.add(layers.Conv2D(4, 3))
model.predict(load_data())
`), []);
  assert.deepEqual(rules('m.ts', `import * as tf from '@tensorflow/tfjs';
const model = await tf.loadLayersModel('model.json');
model.predict(tf.zeros([1, 3]));
const y = tf.matMul(someTensor(), tf.zeros([3, 4]));
`), []);
});

test('constants imported from other files of the project (TS and Python)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shapegrad-imports-'));
  try {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'config.ts'), 'export const FEATURES = 12;\nexport const SHAPE = [FEATURES * 2];\n');
    writeFileSync(join(dir, 'src', 'model.ts'), `import * as tf from '@tensorflow/tfjs';
import { SHAPE } from './config.js';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: SHAPE })] });
model.predict(tf.zeros([8, 12]));
`);
    writeFileSync(join(dir, 'settings.py'), 'N_IN = 6\n');
    writeFileSync(join(dir, 'train.py'), `import tensorflow as tf
from settings import N_IN
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(N_IN,))])
model.fit(tf.zeros((8, 7)), tf.zeros((8, 1)))
`);
    const results = await lint(['.'], { cwd: dir });
    const by = Object.fromEntries(results.map((r) => [r.filePath, r.diagnostics.map((d) => d.message)]));
    assert.equal(by['src/model.ts']!.length, 1);
    assert.match(by['src/model.ts']![0]!, /takes 24 features per sample/);
    assert.match(by['train.py']![0]!, /takes 6 features per sample, but .* has 7/);
    assert.deepEqual(by['src/config.ts'], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('model.json: TF.js layers-model, Keras 2 functional (nested inbound_nodes), Keras 3, Keras 2.0 list config', () => {
  const keras2 = {
    class_name: 'Model',
    config: {
      name: 'm',
      layers: [
        { name: 'a', class_name: 'InputLayer', config: { batch_input_shape: [null, 10], name: 'a' }, inbound_nodes: [] },
        { name: 'b', class_name: 'InputLayer', config: { batch_input_shape: [null, 6], name: 'b' }, inbound_nodes: [] },
        { name: 'd', class_name: 'Dense', config: { units: 6, name: 'd' }, inbound_nodes: [[['a', 0, 0, {}]]] },
        { name: 'sum', class_name: 'Add', config: { name: 'sum' }, inbound_nodes: [[['d', 0, 0, {}], ['b', 0, 0, {}]]] },
      ],
      input_layers: [['a', 0, 0], ['b', 0, 0]],
      output_layers: [['sum', 0, 0]],
    },
  };
  const ins = inspectSource('m.json', JSON.stringify(keras2, null, 2))!;
  assert.equal(ins.file.nodes.length, 4);
  assert.deepEqual(ins.shapes.get(3)!.shape, [null, 6]);
  const list20 = { class_name: 'Sequential', config: [{ class_name: 'Dense', config: { units: 3, batch_input_shape: [null, 5] } }, { class_name: 'Dense', config: { units: 2 } }] };
  assert.deepEqual(models('m.json', JSON.stringify(list20)), ['model: [?×5] → [?×2]']);
  const keras3 = {
    class_name: 'Sequential',
    config: { name: 's', layers: [{ class_name: 'InputLayer', config: { batch_shape: [null, 4, 4, 1] } }, { class_name: 'Flatten', config: {} }, { class_name: 'Dense', config: { units: 1 } }] },
  };
  assert.deepEqual(models('m.json', JSON.stringify(keras3)), ['model: [?×4×4×1] → [?×1]']);
  assert.equal(inspectSource('package.json', '{"name":"x","dependencies":{}}'), undefined);
  const bad = JSON.stringify({ class_name: 'Sequential', config: { layers: [{ class_name: 'InputLayer', config: { batch_input_shape: [null, 8] } }, { class_name: 'Conv1D', config: { filters: 2, kernel_size: 3 } }] } }, null, 1);
  const [finding, ...more] = lintSource('m.json', bad, { cwd: tmpdir() }).diagnostics;
  assert.equal(more.length, 0);
  assert.equal(finding!.ruleId, 'layer-shape-mismatch');
  assert.match(finding!.message, /`Conv1D` expects rank-3 input/);
  // The span is the layer's object in the JSON text.
  assert.ok(bad.slice(finding!.span.start, finding!.span.end).includes('"Conv1D"'));
});

test('matmul: transpose flags (TS positional, Python keywords) and the @ operator', () => {
  assert.deepEqual(rules('m.py', `import tensorflow as tf
a = tf.zeros((3, 4))
b = tf.zeros((5, 4))
ok = tf.matmul(a, b, transpose_b=True)
bad = tf.matmul(a, b)
also_bad = a @ b
t = tf.matmul(a, b, transpose_b=flag)
`), ['5 matmul-shape-mismatch', '6 matmul-shape-mismatch']);
  const d = lintSource('m.ts', `import * as tf from '@tensorflow/tfjs';
const a = tf.zeros([3, 4]);
const b = tf.zeros([5, 4]);
const c = tf.matMul(a, b);
`, { cwd: tmpdir() }).diagnostics[0]!;
  assert.deepEqual(d.fixes?.map((f) => f.expression), ['tf.matMul(a, b, false, true)']);
});

test('layers added in loops or branches make the model opaque from there on; __main__ blocks run', () => {
  assert.deepEqual(rules('m.py', `from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([keras.Input(shape=(32, 32, 3))])
for _ in range(3):
    model.add(layers.Conv2D(8, 3))
model.add(layers.Reshape((26 * 26 * 8,)))
if use_pooling:
    model.add(layers.MaxPooling2D(2))
model.add(layers.Flatten())
`), []);
  assert.deepEqual(rules('m.py', `import tensorflow as tf
def main():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
    model.predict(tf.zeros((2, 5)))

if __name__ == "__main__":
    main()
`), ['4 input-shape-mismatch']);
  assert.deepEqual(rules('m.ts', `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, batchInputShape: [32, 4] })] });
model.predict(tf.zeros([1000, 4]));
`), []);
});

test('JavaScript: CommonJS require and destructured imports', () => {
  assert.deepEqual(rules('m.cjs', `const tf = require('@tensorflow/tfjs-node');
const { sequential, layers } = require('@tensorflow/tfjs');
const model = sequential();
model.add(layers.dense({ units: 1, inputShape: [3] }));
model.predict(tf.ones([2, 4]));
`), ['5 input-shape-mismatch']);
});

test('builder functions: default parameters, keyword arguments; unknown when never called', () => {
  assert.deepEqual(rules('m.ts', `import * as tf from '@tensorflow/tfjs';
function createModel(inputDim = 784, units = 10) {
  return tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [inputDim] })] });
}
createModel().predict(tf.zeros([2, 100]));
createModel(100).predict(tf.zeros([2, 100]));
`), ['5 input-shape-mismatch']);
  assert.deepEqual(rules('m.py', `import numpy as np
from tensorflow import keras
def build(n_in, n_out=3):
    model = keras.Sequential([keras.layers.Dense(n_out, input_shape=(n_in,))])
    return model
m = build(n_in=5)
m.predict(np.zeros((2, 6)))
`), ['7 input-shape-mismatch']);
  assert.deepEqual(rules('m.py', `import numpy as np
from tensorflow import keras
def build(n_in=5):
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(n_in,))])
    model.predict(np.zeros((2, 6)))
`), []);
});

test('NumPy / TF reshapes, expand_dims, astype and tf.tidy keep shapes', () => {
  assert.deepEqual(rules('m.py', `import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
images = np.random.rand(100, 28, 28)
flat = images.reshape(-1, 28 * 28).astype("float32") / 255.0
cube = np.expand_dims(images, -1)
mlp = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10)])
mlp.fit(flat, np.zeros((100, 10)))
cnn = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(10)])
cnn.fit(cube, np.zeros((100, 10)))
cnn.predict(flat)
unknown_rows = images.reshape(rows, -1)
mlp.predict(unknown_rows)
`), ['11 input-shape-mismatch']);
  assert.deepEqual(rules('m.ts', `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [6] })] });
const out = tf.tidy(() => model.predict(tf.reshape(tf.zeros([4, 2, 3]), [4, -1])) as tf.Tensor);
const bad = tf.tidy(() => model.predict(tf.zeros([4, 2, 3]).reshape([-1, 3])) as tf.Tensor);
`), ['4 input-shape-mismatch']);
});

test('discarded updates over a list of hand-made variables', () => {
  assert.deepEqual(rules('m.py', `import tensorflow as tf
W1 = tf.Variable(tf.random.normal((784, 128)))
W2 = tf.Variable(tf.random.normal((128, 10)))
params = [W1, W2]
for p, g in zip(params, grads):
    p = p - 0.1 * g
for p, g in zip(params, grads):
    p = p - 0.1 * g
    print(p)
`), ['6 discarded-update']);
});

test('wrapped layers: Bidirectional and TimeDistributed in Python, TS and model.json', () => {
  assert.deepEqual(models('m.py', `from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input(shape=(20,))
x = layers.Embedding(1000, 16)(inputs)
x = layers.Bidirectional(layers.LSTM(32, return_sequences=True))(x)
x = layers.TimeDistributed(layers.Dense(8))(x)
x = layers.Bidirectional(layers.GRU(4), merge_mode="sum")(x)
m = keras.Model(inputs, x)
`), ['m: [?×20] → [?×4]']);
  assert.deepEqual(models('m.ts', `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 8 }) as tf.RNN, inputShape: [5, 3] }));
`), ['model: [?×5×3] → [?×16]']);
  const json = { class_name: 'Sequential', config: { layers: [
    { class_name: 'InputLayer', config: { batch_input_shape: [null, 7, 3] } },
    { class_name: 'Bidirectional', config: { merge_mode: 'concat', layer: { class_name: 'LSTM', config: { units: 5, return_sequences: true } } } },
    { class_name: 'TimeDistributed', config: { layer: { class_name: 'Dense', config: { units: 2 } } } },
  ] } };
  assert.deepEqual(models('m.json', JSON.stringify(json)), ['model: [?×7×3] → [?×7×2]']);
  assert.deepEqual(rules('m.py', `from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([keras.Input(shape=(16,)), layers.Bidirectional(layers.LSTM(8))])
`), ['3 layer-shape-mismatch']);
});
