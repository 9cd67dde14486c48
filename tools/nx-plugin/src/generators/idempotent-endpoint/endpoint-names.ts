import { names } from '@nx/devkit';

/** Every name the generated endpoint uses, derived once from the singular and plural. */
export interface EndpointNames {
  /** `GiftCard`: the Prisma model, and the prefix of the DTO and view. */
  className: string;
  /** `gift-card`: files about one of them (`create-gift-card.dto.ts`, `gift-card.representation.ts`). */
  fileName: string;
  /** `giftCard`: the Prisma client's delegate (`tx.giftCard.create`). */
  propertyName: string;
  /** `gift card`: prose. */
  title: string;
  /** `GiftCards`: the controller, service and module. */
  pluralClassName: string;
  /** `gift-cards`: the route, the feature folder and its files. */
  pluralFileName: string;
  /** `giftCards`: the back-relation on the owner model. */
  pluralPropertyName: string;
  /** `gift cards`: prose. */
  pluralTitle: string;
  /** `gift_cards`: the table. */
  tableName: string;
}

/**
 * English plural of a kebab-case name's last word, for the common cases only (`--plural` covers
 * the rest): `gift-card` → `gift-cards`, `box` → `boxes`, `delivery` → `deliveries`.
 */
export function pluralOf(name: string): string {
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}

/** The names of the endpoint for `name` (singular, kebab-case) and its plural. */
export function endpointNames(name: string, plural: string = pluralOf(name)): EndpointNames {
  const one = names(name);
  const many = names(plural);
  return {
    className: one.className,
    fileName: one.fileName,
    propertyName: one.propertyName,
    title: name.replace(/-/g, ' '),
    pluralClassName: many.className,
    pluralFileName: many.fileName,
    pluralPropertyName: many.propertyName,
    pluralTitle: plural.replace(/-/g, ' '),
    tableName: plural.replace(/-/g, '_'),
  };
}
