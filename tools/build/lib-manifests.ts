/**
 * Each lib's `package.json` is derived, never hand-kept: its name, the root
 * version, the entry points of its build (`dist/index.js`, and `./testing`
 * where the lib has `src/testing.ts`) and exactly the packages its build
 * imports (the files `tsconfig.lib.json` compiles), at the versions the root
 * `package.json` pins. Only the description is written by hand.
 *
 * `npm run manifests` rewrites them; `lib-manifests.spec.ts` fails when one
 * is out of date (a new import, a removed dependency, a new testing entry).
 */
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const root = resolve(__dirname, '../..');
const scope = '@tsforecast';

/** The fields of a lib's package.json, in the order they are written. */
export interface LibManifest {
  name: string;
  version: string;
  description: string;
  license: string;
  engines: Record<string, string>;
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions?: Record<string, Record<string, string[]>>;
  files: string[];
  dependencies: Record<string, string>;
}

interface RootManifest {
  version: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The libs under `libs/` that have a build config. */
export function libNames(): string[] {
  return readdirSync(join(root, 'libs'))
    .filter((name) => existsSync(join(root, 'libs', name, 'tsconfig.lib.json')))
    .sort();
}

/** The source files the lib's build compiles, as `tsconfig.lib.json` lists them. */
function buildFiles(lib: string): string[] {
  const configPath = join(root, 'libs', lib, 'tsconfig.lib.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`'${configPath}' could not be read as a tsconfig file`);
  return parsed.fileNames;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative paths and Node built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The module specifiers a file names: imports, re-exports, `import()`, `require()` and `require.resolve()`. */
export function moduleSpecifiers(fileName: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression.getText();
      if (callee === 'require' || callee === 'require.resolve' || node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        found.push(node.arguments[0].text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** Every package the lib's build imports or resolves, sorted. */
export function importedPackages(lib: string): string[] {
  const packages = new Set<string>();
  for (const file of buildFiles(lib)) {
    for (const specifier of moduleSpecifiers(file, readFileSync(file, 'utf8'))) {
      const name = packageOf(specifier);
      if (name !== undefined && name !== `${scope}/${lib}`) packages.add(name);
    }
  }
  return [...packages].sort();
}

/** The manifest the lib should have; `description` is kept from its current package.json. */
export function wantedManifest(lib: string): LibManifest {
  const rootManifest = readJson<RootManifest>(join(root, 'package.json'));
  const pinned = { ...rootManifest.devDependencies, ...rootManifest.dependencies };
  const dependencies: Record<string, string> = {};
  for (const name of importedPackages(lib)) {
    const version = name.startsWith(`${scope}/`) ? rootManifest.version : pinned[name];
    if (version === undefined)
      throw new Error(`libs/${lib} imports '${name}', which the root package.json does not pin; npm install --save-exact it first`);
    dependencies[name] = version;
  }
  const currentPath = join(root, 'libs', lib, 'package.json');
  const current = existsSync(currentPath) ? readJson<Partial<LibManifest>>(currentPath) : {};
  const hasTesting = existsSync(join(root, 'libs', lib, 'src', 'testing.ts'));
  const entry = (name: string) => ({ types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` });
  return {
    name: `${scope}/${lib}`,
    version: rootManifest.version,
    description: current.description ?? `tsforecast ${lib} layer`,
    license: rootManifest.license,
    engines: rootManifest.engines,
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: { '.': entry('index'), ...(hasTesting ? { './testing': entry('testing') } : {}), './package.json': './package.json' },
    // TypeScript's `node10` resolution (this repo's) ignores `exports`: this maps the subpath for it.
    ...(hasTesting ? { typesVersions: { '*': { testing: ['./dist/testing.d.ts'] } } } : {}),
    files: ['dist', '!dist/**/*.tsbuildinfo'],
    dependencies,
  };
}

export const manifestText = (manifest: LibManifest): string => JSON.stringify(manifest, null, 2) + '\n';

/** Libs whose package.json differs from the wanted one. */
export function staleManifests(): string[] {
  return libNames().filter((lib) => {
    const path = join(root, 'libs', lib, 'package.json');
    return !existsSync(path) || readFileSync(path, 'utf8') !== manifestText(wantedManifest(lib));
  });
}

if (require.main === module) {
  const write = process.argv.includes('--write');
  const stale = staleManifests();
  for (const lib of stale) {
    if (write) writeFileSync(join(root, 'libs', lib, 'package.json'), manifestText(wantedManifest(lib)));
    process.stdout.write(`${write ? 'wrote' : 'stale'} libs/${lib}/package.json\n`);
  }
  if (!write && stale.length > 0) {
    process.stdout.write('run `npm run manifests` to rewrite them\n');
    process.exitCode = 1;
  }
}
