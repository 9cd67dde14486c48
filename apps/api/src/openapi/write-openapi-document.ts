import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH, serializeOpenApiDocument } from './openapi-document';

// `npx nx run @safe-checkout/api:openapi` (after the build): rewrites apps/api/openapi.json, which
// openapi-document.spec.ts compares with the routes on every `npm test`.
buildOpenApiDocument().then(
  (document) => {
    writeFileSync(OPENAPI_DOCUMENT_PATH, serializeOpenApiDocument(document));
    console.log(`wrote ${relative(process.cwd(), OPENAPI_DOCUMENT_PATH)}: ${Object.keys(document.paths).length} paths`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
