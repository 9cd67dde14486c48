import { Tree } from '@nx/devkit';
import type { EndpointNames } from './endpoint-names';
import { declaresTable, modelBlock } from './prisma-schema';

/**
 * What in the workspace already uses the endpoint's names, one phrase each; empty when nothing
 * does: its feature folder, a model or table of that name, or a controller on its route.
 */
export function endpointCollisions(tree: Tree, sourceRoot: string, schema: string, n: EndpointNames): string[] {
  const featureDir = `${sourceRoot}/${n.pluralFileName}`;
  return [
    tree.exists(featureDir) && `${featureDir} exists`,
    modelBlock(schema, n.className) && `schema.prisma has a model ${n.className}`,
    declaresTable(schema, n.tableName) && `schema.prisma maps a model to the table ${n.tableName}`,
    ...controllersOn(tree, sourceRoot, n.pluralFileName).map((file) => `${file} already answers /${n.pluralFileName}`),
  ].filter((taken): taken is string => typeof taken === 'string');
}

/** The files under `sourceRoot` declaring `@Controller('<route>')` or a route below it. */
function controllersOn(tree: Tree, sourceRoot: string, route: string): string[] {
  const declaration = new RegExp(`@Controller\\(\\s*['"\`]/?${route}(/[^'"\`]*)?['"\`]`);
  return filesUnder(tree, sourceRoot).filter((file) => file.endsWith('.ts') && declaration.test(tree.read(file, 'utf-8') ?? ''));
}

// A walk of the tree itself, not devkit's visitNotIgnoredFiles: that one also asks the workspace on
// disk about ignored files, and a source folder holds nothing to ignore.
function filesUnder(tree: Tree, dir: string): string[] {
  return tree.children(dir).flatMap((child) => {
    const entry = `${dir}/${child}`;
    return tree.isFile(entry) ? [entry] : filesUnder(tree, entry);
  });
}
