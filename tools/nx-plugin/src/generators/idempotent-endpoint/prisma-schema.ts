import type { EndpointNames } from './endpoint-names';

/** The model that owns every generated row: keys, and so rows, are scoped by user. */
export const OWNER_MODEL = 'User';

/** The lines of `model <name> { … }` in a Prisma schema: [index of the header, index of the closing brace], or undefined. */
export function modelBlock(schema: string, model: string): [number, number] | undefined {
  const lines = schema.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^model\\s+${model}\\s*\\{`).test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^\}/.test(line));
  return end < 0 ? undefined : [start, end];
}

/** The table a model maps to: its `@@map`, or its name. */
export function tableOf(schema: string, model: string): string {
  const block = modelBlock(schema, model);
  const body = block ? schema.split('\n').slice(block[0], block[1]).join('\n') : '';
  return /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
}

/** Whether a model maps to `table`, by its `@@map` or (without one) its name. */
export function declaresTable(schema: string, table: string): boolean {
  return schema.includes(`@@map("${table}")`) || modelBlock(schema, table) !== undefined;
}

/**
 * The schema with the endpoint's model appended and its back-relation added to the owner model
 * (Prisma requires both sides of a relation). Throws when the owner model is missing.
 */
export function withEndpointModel(schema: string, n: EndpointNames): string {
  const owner = modelBlock(schema, OWNER_MODEL);
  if (!owner) throw new Error(`prisma/schema.prisma has no model ${OWNER_MODEL}: generated rows belong to a user.`);
  const lines = schema.split('\n');
  // After the owner's last field, before its block attributes (@@map, @@index…).
  let lastField = owner[0];
  for (let index = owner[0] + 1; index < owner[1]; index++) {
    const line = lines[index].trim();
    if (line && !line.startsWith('@@') && !line.startsWith('//')) lastField = index;
  }
  // In the owner's column of types, as `prisma format` would put it.
  const typeColumn = /^\s*\S+\s+/.exec(lines[lastField])?.[0].length ?? 0;
  const field = `  ${n.pluralPropertyName}`;
  lines.splice(lastField + 1, 0, `${field.padEnd(Math.max(typeColumn, field.length + 1))}${n.className}[]`);
  return `${lines.join('\n').trimEnd()}\n\n${modelText(n)}`;
}

function modelText(n: EndpointNames): string {
  return [
    `/// What POST /${n.pluralFileName} creates: one row per operation, whatever the retries (http-contract.md "Your endpoints").`,
    `model ${n.className} {`,
    '  id        String   @id @default(uuid()) @db.Uuid',
    '  userId    String   @map("user_id") @db.Uuid',
    "  /// Replace with the operation's own fields (DTO, migration and this model together).",
    '  note      String',
    '  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)',
    `  user      ${OWNER_MODEL}     @relation(fields: [userId], references: [id])`,
    '',
    `  @@index([userId, createdAt(sort: Desc)], map: "${n.tableName}_user_id_created_at_idx")`,
    `  @@map("${n.tableName}")`,
    '}',
    '',
  ].join('\n');
}
