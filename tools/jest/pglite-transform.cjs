// PGlite's CommonJS bundle loads Node built-ins with `await import("fs")` etc.
// Jest runs modules in a vm without a dynamic-import hook (unless node runs with
// --experimental-vm-modules), so those calls throw
// ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG. Only Node built-ins are imported
// that way, so a synchronous require wrapped in a promise is equivalent.
const { createHash } = require('node:crypto');

const dynamicImport = /\bimport\(\s*("(?:node:)?[a-z_/]+"|'(?:node:)?[a-z_/]+')\s*\)/g;

module.exports = {
  process(sourceText) {
    // The bundle shadows `require` in places; keep the module's own under a unique name.
    const code = sourceText.replace(dynamicImport, 'Promise.resolve().then(() => __pgliteJestRequire($1))');
    return { code: code === sourceText ? code : `const __pgliteJestRequire = require;${code}` };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update('pglite-dynamic-import-v2').update(sourcePath).update(sourceText).digest('hex');
  },
};
