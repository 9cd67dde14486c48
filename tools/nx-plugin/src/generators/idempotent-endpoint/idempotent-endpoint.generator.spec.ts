import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { logger, Tree } from '@nx/devkit';
import { API_SRC, readText as read, WORKSPACE_ROOT, workspaceTree } from '../../testing/workspace-tree';
import { idempotentEndpointGenerator, WORKSPACE_FILES } from './idempotent-endpoint.generator';

// Prettier 3 is ESM, which Jest's VM cannot import: formatFiles would only warn. The e2e spec
// checks the formatting of what the generator writes, with the real CLI.
process.env.NX_SKIP_FORMAT = 'true';

// ESLint loads eslint.config.mjs with a dynamic import, which Jest's VM cannot run: lint in a
// child process instead, each text under the path it would have in the API. The result is the last
// line: @nx/enforce-module-boundaries prints a warning on stdout where no project graph is cached yet
// (a fresh clone).
const LINT_TEXTS = `
  const { ESLint } = require('eslint');
  const files = JSON.parse(require('node:fs').readFileSync(0, 'utf-8'));
  const eslint = new ESLint();
  Promise.all(files.map((f) => eslint.lintText(f.text, { filePath: f.filePath }))).then((perFile) => {
    const results = perFile.flat();
    process.stdout.write('\\n' + JSON.stringify(results.flatMap((r) => r.messages.map((m) => r.filePath + ':' + m.line + ' ' + m.ruleId + ': ' + m.message))));
  });`;

function lintMessages(files: { filePath: string; text: string }[]): string[] {
  const stdout = execFileSync(process.execPath, ['-e', LINT_TEXTS], { cwd: WORKSPACE_ROOT, input: JSON.stringify(files), encoding: 'utf-8' });
  return JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '');
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
    expect(appModule).toMatch(/\n(\s+)SpecWidgetsModule,\n\1HealthModule,/);
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
    const before = tree.listChanges().length;
    await expect(idempotentEndpointGenerator(tree, { name: 'spec-widget', skipPrismaGenerate: true })).rejects.toThrow(
      /nothing was written[\s\S]*spec-widgets exists; schema\.prisma has a model SpecWidget/,
    );
    await expect(idempotentEndpointGenerator(tree, { name: 'order-line', skipPrismaGenerate: true })).rejects.toThrow(/model OrderLine/);
    expect(tree.listChanges()).toHaveLength(before);
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

describe('the callback idempotentEndpointGenerator returns', () => {
  it('prints what was written and what to run next, here the regeneration it was told to skip', async () => {
    const tree = workspaceTree();
    tree.write('tools/prisma-generate.mjs', '');
    tree.write('apps/storefront/package.json', JSON.stringify({ name: '@safe-checkout/storefront', scripts: { 'openapi-types': 'openapi-typescript' } }));
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      await (
        await idempotentEndpointGenerator(tree, { name: 'spec-ticket', skipPrismaGenerate: true })
      )();
      const summary = info.mock.calls.map(([message]) => String(message)).join('\n');
      expect(summary).toContain(`POST /spec-tickets (safe to retry with an Idempotency-Key) and GET /spec-tickets/:id are in ${API_SRC}/spec-tickets/.`);
      expect(summary).toMatch(/prisma\/migrations\/\d{14}_create_spec_tickets\/migration\.sql +the spec_tickets table/);
      expect(summary).toMatch(
        /1\. node tools\/prisma-generate\.mjs\n +2\. npx nx run @safe-checkout\/api:openapi\n +3\. npx nx run @safe-checkout\/storefront:openapi-types\n +4\. npx nx run @safe-checkout\/api:test -- src\/spec-tickets/,
      );
    } finally {
      info.mockRestore();
    }
  });
});
