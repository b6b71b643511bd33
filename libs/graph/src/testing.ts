// Test helpers for this lib and the libs above it: the float64 reference
// interpreter and the finite-difference gradient check. Not runtime API.
export { interpret, type InterpretOptions } from './reference/interpret';
export { nd, type NdArray } from './reference/nd-array';
export { gradCheck, type GradCheckResult } from './testing/grad-check';
export { opCases, type OpCase, type CaseInput } from './testing/op-cases';
export { buildCase, type BuiltCase } from './testing/case-feeds';
export { specialise, type GraphMode } from './compile/specialize';
