// Jest runs tests in a separate VM realm, so typed arrays made there are not
// `instanceof` the ones native addons return. onnxruntime-node checks
// `data instanceof Float32Array` on its own outputs and fails in jest with
// "A float32 tensor's data must be type of function Float32Array()". Sharing the
// host realm's typed-array constructors fixes it. Any lib whose tests run ONNX
// Runtime can use it; jest.preset.js makes it every project's environment.
const { TestEnvironment } = require('jest-environment-node');

const shared = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OrtTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of shared) this.global[name] = globalThis[name];
  }
}

module.exports = OrtTestEnvironment;
