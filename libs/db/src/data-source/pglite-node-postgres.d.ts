// The workspace resolves modules the `node` (node10) way, which ignores
// package.json "exports"; point the subpath at its declaration file.
declare module '@electric-sql/pglite/node-postgres' {
  export * from '@electric-sql/pglite/dist/node-postgres/index';
}
