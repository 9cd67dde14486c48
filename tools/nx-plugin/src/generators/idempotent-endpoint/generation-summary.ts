import type { EndpointNames } from './endpoint-names';

/** What the generator did, for {@link generationSummary}. */
export interface GenerationReport {
  names: EndpointNames;
  /** The API project's name and its source folder (`@safe-checkout/api`, `apps/api/src`). */
  api: { name: string; root: string; sourceRoot: string };
  /** Every file written, with what it is (`the GiftCard model`). */
  written: { file: string; what: string }[];
  /** What was regenerated afterwards (`the Prisma client`). */
  regenerated: string[];
  /** Commands left for the user (the regeneration when skipped), in order. */
  stillToRun: string[];
  /** Edits the generator could not make, one sentence each. */
  byHand: string[];
}

/** The closing message of `nx g …:idempotent-endpoint`: what was written, and what to do next. */
export function generationSummary(report: GenerationReport): string {
  const { names: n, api } = report;
  const featureDir = `${api.sourceRoot}/${n.pluralFileName}`;
  const width = Math.max(...report.written.map(({ file }) => file.length));
  const next = [
    ...report.stillToRun.map((command) => `${command}`),
    ...report.byHand,
    `npx nx run ${api.name}:test -- ${featureDir.slice(api.root.length + 1)}    (the endpoint's own tests, on a throwaway PostgreSQL)`,
    `Replace the example field \`note\` with yours: DTO, model, migration, representation and spec (docs/first-idempotent-endpoint.md).`,
    `Commit the files above, apps/api/openapi.json and the storefront's openapi.gen.ts with them: CI checks that both match the routes.`,
  ];
  return [
    `POST /${n.pluralFileName} (safe to retry with an Idempotency-Key) and GET /${n.pluralFileName}/:id are in ${featureDir}/.`,
    '',
    'Written:',
    ...report.written.map(({ file, what }) => `  ${file.padEnd(width)}  ${what}`),
    '',
    report.regenerated.length ? `Regenerated: ${report.regenerated.join(', ')}.` : 'Nothing regenerated (--skipPrismaGenerate).',
    '',
    'Next:',
    ...next.map((step, index) => `  ${index + 1}. ${step}`),
  ].join('\n');
}
