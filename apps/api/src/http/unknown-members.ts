import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { FieldErrors } from './validation-problem';

/** A class-validator DTO class. */
export type DtoClass = abstract new (...args: never[]) => unknown;

/** What {@link findUnknownMembers} found: the first few, and how many there are in all. */
export interface UnknownMembers {
  listed: FieldErrors[];
  count: number;
}

/**
 * The members of `body` that `dto` (a class-validator DTO) does not declare, at every depth its
 * `@Type()` nested DTOs describe: one walk over the parsed body, so a request with thousands of
 * extra members is refused before class-transformer copies them and class-validator checks them.
 * Lists at most `maxListed`, in class-validator's words ("property x should not exist").
 */
export function findUnknownMembers(body: unknown, dto: DtoClass, maxListed: number): UnknownMembers {
  const found: UnknownMembers = { listed: [], count: 0 };
  walk(body, dto, '', found, maxListed);
  return found;
}

function walk(value: unknown, dto: DtoClass, path: string, found: UnknownMembers, maxListed: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((element, index) => walk(element, dto, join(path, String(index)), found, maxListed));
    return;
  }
  const known = declaredMembers(dto);
  for (const name of Object.keys(value)) {
    if (!known.has(name)) {
      found.count++;
      if (found.listed.length < maxListed) found.listed.push({ field: join(path, name), messages: [`property ${name} should not exist`] });
      continue;
    }
    // @Type(() => OrderItemDto) names a class: the member's DTO.
    const nested = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as DtoClass | undefined;
    if (typeof nested === 'function') walk((value as Record<string, unknown>)[name], nested, join(path, name), found, maxListed);
  }
}

const declared = new WeakMap<DtoClass, ReadonlySet<string>>();

// What the ValidationPipe's `whitelist` keeps: the members with at least one validation decorator.
function declaredMembers(dto: DtoClass): ReadonlySet<string> {
  let members = declared.get(dto);
  if (!members) {
    members = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((metadata) => metadata.propertyName),
    );
    declared.set(dto, members);
  }
  return members;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
