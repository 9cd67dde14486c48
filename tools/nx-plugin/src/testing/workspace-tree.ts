import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { WORKSPACE_FILES } from '../generators/idempotent-endpoint/idempotent-endpoint.generator';

/** This repository's root, whose real files the generator specs run against. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** The API's source folder, where endpoints are generated. */
export const API_SRC = 'apps/api/src';

/**
 * A tree holding this workspace's real files that the generator edits, so their shapes are what
 * is tested. The endpoints the specs generate are named spec-…, so that no endpoint a user
 * generated for real (a gift-card, say) collides with them.
 */
export function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const copy = (file: string) => tree.write(file, readFileSync(path.join(WORKSPACE_ROOT, file), 'utf-8'));
  [
    'package.json',
    'apps/api/package.json',
    `${API_SRC}/app.module.ts`,
    WORKSPACE_FILES.prismaSchema,
    WORKSPACE_FILES.httpContract,
    WORKSPACE_FILES.schemaParitySpec,
  ].forEach(copy);
  for (const migration of readdirSync(path.join(WORKSPACE_ROOT, WORKSPACE_FILES.migrations), { withFileTypes: true })) {
    if (migration.isDirectory()) copy(`${WORKSPACE_FILES.migrations}/${migration.name}/migration.sql`);
  }
  return tree;
}

/** A file of `tree` as text; empty when it does not exist. */
export const readText = (tree: Tree, file: string): string => tree.read(file, 'utf-8') ?? '';
