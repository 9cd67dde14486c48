import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { idempotentEndpointGenerator, WORKSPACE_FILES } from './idempotent-endpoint.generator';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../../..');
const API_SRC = 'apps/api/src';

/**
 * A tree holding this workspace's real files that the generator edits, so their shapes are what
 * is tested. The endpoints these tests generate are named spec-…, so that no endpoint a user
 * generated for real (a gift-card, say) collides with them.
 */
function workspaceTree(): Tree {
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

const read = (tree: Tree, file: string) => tree.read(file, 'utf-8') ?? '';

// ESLint loads eslint.config.mjs with a dynamic import, which Jest's VM cannot run: lint in a
// child process instead, each text under the path it would have in the API.
const LINT_TEXTS = `
  const { ESLint } = require('eslint');
  const files = JSON.parse(require('node:fs').readFileSync(0, 'utf-8'));
  const eslint = new ESLint();
  Promise.all(files.map((f) => eslint.lintText(f.text, { filePath: f.filePath }))).then((perFile) => {
    const results = perFile.flat();
    process.stdout.write(JSON.stringify(results.flatMap((r) => r.messages.map((m) => r.filePath + ':' + m.line + ' ' + m.ruleId + ': ' + m.message))));
  });`;

function lintMessages(files: { filePath: string; text: string }[]): string[] {
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT_TEXTS], { cwd: WORKSPACE_ROOT, input: JSON.stringify(files), encoding: 'utf-8' }));
}

describe('idempotentEndpointGenerator(tree, { name })', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = workspaceTree();
    await idempotentEndpointGenerator(tree, { name: 'spec-widget', skipPrismaGenerate: true });
  });

  it('writes the feature folder: module, controller, service, DTO, representation and HTTP spec', () => {
    expect(tree.children(`${API_SRC}/spec-widgets`).sort()).toEqual([
      'dto',
      'spec-widget.representation.ts',
      'spec-widgets.controller.spec.ts',
      'spec-widgets.controller.ts',
      'spec-widgets.module.ts',
      'spec-widgets.service.ts',
    ]);
    expect(tree.children(`${API_SRC}/spec-widgets/dto`)).toEqual(['create-spec-widget.dto.ts']);
  });

  it('makes POST /spec-widgets @Idempotent() and writes through the transaction host, never the plain client', () => {
    const controller = read(tree, `${API_SRC}/spec-widgets/spec-widgets.controller.ts`);
    expect(controller).toContain("@Controller('spec-widgets')");
    expect(controller).toMatch(/@Post\(\)\n\s+@Idempotent\(\)/);
    const service = read(tree, `${API_SRC}/spec-widgets/spec-widgets.service.ts`);
    expect(service).toContain('this.txHost.tx.specWidget.create(');
    expect(service).not.toMatch(/this\.prisma\.specWidget\.(create|update|upsert|delete)/);
  });

  it('writes a spec of the contract rows: 201, the replay with Idempotent-Replayed, 422 for another body, 400 without a key', () => {
    const spec = read(tree, `${API_SRC}/spec-widgets/spec-widgets.controller.spec.ts`);
    expect(spec).toContain('startTestApi()');
    for (const expected of ['.expect(201)', "headers['idempotent-replayed']).toBe('true')", 'idempotency-key-reused', 'idempotency-key-missing']) {
      expect(spec).toContain(expected);
    }
  });

  it('adds the model, its back-relation on User, and a migration named after every existing one', () => {
    const schema = read(tree, WORKSPACE_FILES.prismaSchema);
    expect(schema).toMatch(/model SpecWidget \{[^}]*@relation\(fields: \[userId\], references: \[id\]\)[^}]*@@map\("spec_widgets"\)/);
    expect(schema).toMatch(/model User \{[^}]*\n {2}specWidgets +SpecWidget\[\]\n/);

    const migrations = tree
      .children(WORKSPACE_FILES.migrations)
      .filter((name) => /^\d{14}_/.test(name))
      .sort();
    expect(migrations.at(-1)).toMatch(/^\d{14}_create_spec_widgets$/);
    const sql = read(tree, `${WORKSPACE_FILES.migrations}/${migrations.at(-1)}/migration.sql`);
    expect(sql).toContain('CREATE TABLE "spec_widgets"');
    expect(sql).toContain('FOREIGN KEY ("user_id") REFERENCES "users"("id")');
  });

  it('registers SpecWidgetsModule in AppModule, before the extra modules', () => {
    const appModule = read(tree, `${API_SRC}/app.module.ts`);
    expect(appModule).toContain("import { SpecWidgetsModule } from './spec-widgets/spec-widgets.module';");
    expect(appModule).toMatch(/\n(\s+)SpecWidgetsModule,\n\1\.\.\.extraModules,/);
  });

  it("lists SpecWidget among the models of libs/db's schema-parity spec", () => {
    expect(read(tree, WORKSPACE_FILES.schemaParitySpec)).toMatch(/toEqual\(\[[^\]]*'SpecWidget'[^\]]*\]\)/);
  });

  it('adds the contract rows to a "Your endpoints" section, created once', async () => {
    await idempotentEndpointGenerator(tree, { name: 'spec-box', skipPrismaGenerate: true });
    const contract = read(tree, WORKSPACE_FILES.httpContract);
    expect(contract.match(/^## Your endpoints$/gm)).toHaveLength(1);
    const rows = contract
      .slice(contract.indexOf('## Your endpoints'))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    // Last: a workspace may list endpoints generated before.
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1]).slice(-4)).toEqual([
      'POST /spec-widgets',
      'GET /spec-widgets/:id',
      'POST /spec-boxes',
      'GET /spec-boxes/:id',
    ]);
  });

  it('writes code that passes the workspace lint rules, the transaction rule among them', () => {
    const folder = `${API_SRC}/spec-widgets`;
    const files = tree.children(folder).flatMap((child) => (child === 'dto' ? tree.children(`${folder}/dto`).map((dto) => `dto/${dto}`) : [child]));
    expect(lintMessages(files.map((file) => ({ filePath: path.join(WORKSPACE_ROOT, folder, file), text: read(tree, `${folder}/${file}`) })))).toEqual([]);
  }, 30_000);

  it('refuses a name already taken, changing nothing', async () => {
    const before = read(tree, WORKSPACE_FILES.prismaSchema);
    await expect(idempotentEndpointGenerator(tree, { name: 'spec-widget', skipPrismaGenerate: true })).rejects.toThrow(
      /spec-widgets exists; schema\.prisma has a model SpecWidget/,
    );
    await expect(idempotentEndpointGenerator(tree, { name: 'order', skipPrismaGenerate: true })).rejects.toThrow(/model Order/);
    expect(read(tree, WORKSPACE_FILES.prismaSchema)).toBe(before);
  });
});

describe('idempotentEndpointGenerator(tree, { name, plural, project })', () => {
  it('uses --plural for the route, folder and table', async () => {
    const tree = workspaceTree();
    await idempotentEndpointGenerator(tree, { name: 'spec-person', plural: 'spec-people', skipPrismaGenerate: true });
    expect(read(tree, `${API_SRC}/spec-people/spec-people.controller.ts`)).toContain("@Controller('spec-people')");
    expect(read(tree, WORKSPACE_FILES.prismaSchema)).toContain('@@map("spec_people")');
  });

  it("takes the project's full name or the part after the scope, and refuses an unknown one", async () => {
    const tree = workspaceTree();
    await idempotentEndpointGenerator(tree, { name: 'spec-voucher', project: 'api', skipPrismaGenerate: true });
    expect(tree.exists(`${API_SRC}/spec-vouchers/spec-vouchers.service.ts`)).toBe(true);
    await expect(idempotentEndpointGenerator(tree, { name: 'spec-coupon', project: 'shop', skipPrismaGenerate: true })).rejects.toThrow(/No project shop/);
  });
});
