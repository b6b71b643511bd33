// Test fakes for other libs' tests. Not part of the public runtime API.
export { MemoryLogger } from './ports/memory-logger';
export { forgetSecrets } from './secrets/known-secrets';
export { builtIsCurrent, libProjects, repositoryRoot, type BuiltProject } from './testing/built-is-current';
