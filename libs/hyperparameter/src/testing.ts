// Test helpers for other libs' tests. Not part of the public runtime API.
export { InMemoryStudyStorage } from './study/in-memory-study-storage';
