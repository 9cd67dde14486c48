import type { EndpointNames } from './endpoint-names';

/** The section of http-contract.md that generated endpoints are listed in. */
export const GENERATED_SECTION = '## Your endpoints';

/**
 * http-contract.md with the endpoint's two rows added to the "Your endpoints" table, the section
 * created at the end of the document the first time.
 */
export function withContractRows(contract: string, n: EndpointNames): string {
  const rows = [
    `| \`POST /${n.pluralFileName}\` with \`Idempotency-Key\`, body \`{note}\` (1–500 characters, not blank) | 201 \`{id, note, createdAt}\` and \`Location: /${n.pluralFileName}/{id}\`; the same key and body again: the stored 201 replayed with \`Idempotent-Replayed: true\`; the same key with another body: 422 \`idempotency-key-reused\`; every other row of "Idempotency-Key semantics" applies |`,
    `| \`GET /${n.pluralFileName}/:id\` | 200 one of the caller's ${n.pluralTitle}; another user's, or none, 404 \`not-found\` |`,
  ];
  const lines = contract.trimEnd().split('\n');
  const heading = lines.indexOf(GENERATED_SECTION);
  if (heading < 0) {
    return [
      ...lines,
      '',
      GENERATED_SECTION,
      'Added with `nx g @safe-checkout/nx-plugin:idempotent-endpoint` ([the guide](../first-idempotent-endpoint.md)); edit',
      'the rows as each endpoint grows. Each POST needs `Authorization` and `Idempotency-Key` like `POST /orders`.',
      '',
      '| request | answer |',
      '|---|---|',
      ...rows,
      '',
    ].join('\n');
  }
  // After the last row of the section's first table.
  let last = lines.findIndex((line, index) => index > heading && line.startsWith('|'));
  if (last < 0) {
    lines.push('', '| request | answer |', '|---|---|', ...rows);
    return `${lines.join('\n')}\n`;
  }
  while (last + 1 < lines.length && lines[last + 1].startsWith('|')) last++;
  lines.splice(last + 1, 0, ...rows);
  return `${lines.join('\n')}\n`;
}
