/** The options of `nx g @safe-checkout/nx-plugin:idempotent-endpoint` (schema.json says the same for the CLI). */
export interface IdempotentEndpointOptions {
  /** What one POST creates, singular and kebab-case (`gift-card`). */
  name: string;
  /** The plural for the route, folder and table; default {@link pluralOf} the name. */
  plural?: string;
  /** The API project; default `@safe-checkout/api`, `api` works too. */
  project?: string;
  /** Skip the regeneration after writing (Prisma client, OpenAPI document, storefront types); default `false`. */
  skipPrismaGenerate?: boolean;
}
