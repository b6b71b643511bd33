// Test fixtures for other libs' tests. Not part of the public runtime API.
export { toyFrame } from './testing/toy-frame';
export { frameOf, type FrameOfOptions } from './testing/frame-of';
