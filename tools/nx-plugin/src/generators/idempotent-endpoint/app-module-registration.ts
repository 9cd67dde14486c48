import type { EndpointNames } from './endpoint-names';

/**
 * app.module.ts with the endpoint's module imported and listed among the feature modules (just
 * before `HealthModule`, the last of them), or `undefined` when the file no longer has that shape: the
 * generator then says what to add by hand.
 */
export function withModuleRegistered(appModule: string, n: EndpointNames): string | undefined {
  const lines = appModule.split('\n');
  const listEnd = lines.findIndex((line) => /^\s*HealthModule,?\s*$/.test(line));
  if (listEnd < 0) return undefined;
  const indent = /^\s*/.exec(lines[listEnd])?.[0] ?? '';
  lines.splice(listEnd, 0, `${indent}${n.pluralClassName}Module,`);

  const importPath = `./${n.pluralFileName}/${n.pluralFileName}.module`;
  const relativeImports = lines
    .map((line, index) => ({ index, path: /^import .* from '(\.\/[^']+)';$/.exec(line)?.[1] }))
    .filter((entry): entry is { index: number; path: string } => entry.path !== undefined);
  if (relativeImports.length === 0) return undefined;
  // Where it sorts among the relative imports, as the file keeps them.
  const before = relativeImports.find((entry) => entry.path > importPath);
  const at = before ? before.index : relativeImports[relativeImports.length - 1].index + 1;
  lines.splice(at, 0, `import { ${n.pluralClassName}Module } from '${importPath}';`);
  return lines.join('\n');
}
