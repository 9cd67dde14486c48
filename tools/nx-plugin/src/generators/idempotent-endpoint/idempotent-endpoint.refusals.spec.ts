import { Tree } from '@nx/devkit';
import { API_SRC, workspaceTree } from '../../testing/workspace-tree';
import { idempotentEndpointGenerator } from './idempotent-endpoint.generator';

// Prettier 3 is ESM, which Jest's VM cannot import: formatFiles would only warn.
process.env.NX_SKIP_FORMAT = 'true';

describe('idempotentEndpointGenerator(tree, { name }) with a name it refuses', () => {
  let tree: Tree;
  let before: number;
  beforeEach(() => {
    tree = workspaceTree();
    before = tree.listChanges().length;
  });

  it.each([
    ['', /name is empty/],
    ['GiftCard', /not kebab-case.*Did you mean "gift-card"\?/],
    ['gift_card', /not kebab-case/],
    ['orders', /one of the API's own routes \(\/orders\)/],
    ['user', /one of the API's own routes \(\/users\)/],
    ['health', /one of the API's own routes/],
    ['class', /reserved word in JavaScript/],
  ])('refuses %j with a clear message and writes nothing', async (name, message) => {
    await expect(idempotentEndpointGenerator(tree, { name, skipPrismaGenerate: true })).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('refuses a route that a controller of the API already answers', async () => {
    tree.write(`${API_SRC}/legacy/legacy-vouchers.controller.ts`, "@Controller('spec-vouchers')\nexport class LegacyVouchersController {}\n");
    before = tree.listChanges().length;
    await expect(idempotentEndpointGenerator(tree, { name: 'spec-voucher', skipPrismaGenerate: true })).rejects.toThrow(
      /legacy-vouchers\.controller\.ts already answers \/spec-vouchers/,
    );
    expect(tree.listChanges()).toHaveLength(before);
  });
});
