import type { Order, Product, Profile, ProfileFields, Session } from './types';

// The API's JSON, exactly as the HTTP contract describes it. Nothing outside this folder sees
// these shapes: the mappers below turn them into the app's own types.

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  stock: number;
}

export interface LoginResponseDto {
  accessToken: string;
  user: { id: string; email: string; name: string };
}

export interface OrderDto {
  id: string;
  userId: string;
  status: string;
  items: { productId: string; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  currency: string;
  createdAt: string;
}

export interface ShippingAddressDto {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface UserProfileDto {
  id: string;
  email: string;
  name: string;
  shippingAddress: ShippingAddressDto;
  updatedAt?: string;
}

export type UpdateUserDto = Omit<UserProfileDto, 'id' | 'updatedAt'>;

export function toProduct(dto: ProductDto): Product {
  return { id: dto.id, sku: dto.sku, name: dto.name, price: { cents: dto.priceCents, currency: dto.currency }, stock: dto.stock };
}

export function toSession(dto: LoginResponseDto): Session {
  return { accessToken: dto.accessToken, user: { id: dto.user.id, email: dto.user.email, name: dto.user.name } };
}

export function toOrder(dto: OrderDto): Order {
  return {
    id: dto.id,
    status: dto.status,
    lines: dto.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: { cents: item.unitPriceCents, currency: dto.currency },
    })),
    total: { cents: dto.totalCents, currency: dto.currency },
    createdAt: dto.createdAt,
  };
}

export function toProfile(dto: UserProfileDto): Profile {
  const { line2, ...address } = dto.shippingAddress;
  return {
    id: dto.id,
    name: dto.name,
    email: dto.email,
    shippingAddress: { ...address, line2: line2 ?? '' },
    ...(dto.updatedAt ? { updatedAt: dto.updatedAt } : {}),
  };
}

/** The full replacement body of `PUT /users/:id`; an empty second address line is left out. */
export function toUpdateUserDto(fields: ProfileFields): UpdateUserDto {
  const { line2, ...address } = fields.shippingAddress;
  const trimmedLine2 = line2.trim();
  return {
    name: fields.name.trim(),
    email: fields.email.trim(),
    shippingAddress: {
      line1: address.line1.trim(),
      ...(trimmedLine2 ? { line2: trimmedLine2 } : {}),
      city: address.city.trim(),
      postalCode: address.postalCode.trim(),
      country: address.country.trim().toUpperCase(),
    },
  };
}
