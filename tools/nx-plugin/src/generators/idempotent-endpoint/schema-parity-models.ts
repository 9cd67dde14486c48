/**
 * libs/db's schema-parity.spec.ts lists every model it covers and fails on one it does not know,
 * so that no table escapes the check that migrations and schema agree. This adds the new model
 * to that list (the endpoint's own spec round-trips its fields), or returns `undefined` when the
 * list is not found.
 */
export function withParityModel(paritySpec: string, model: string): string | undefined {
  const list = /(expect\(Object\.values\(Prisma\.ModelName\)\.sort\(\)\)\.toEqual\(\[)([^\]]*)(\]\))/;
  const match = list.exec(paritySpec);
  if (!match) return undefined;
  const models = [...match[2].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const sorted = [...new Set([...models, model])].sort();
  return paritySpec.replace(list, `$1${sorted.map((name) => `'${name}'`).join(', ')}$3`);
}
