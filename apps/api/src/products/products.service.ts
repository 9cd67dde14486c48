import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '@safe-checkout/db';

/** A catalog entry as `GET /products` shows it. */
export interface ProductView {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  stock: number;
}

@Injectable()
export class ProductsService {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  list(): Promise<ProductView[]> {
    return this.prisma.product.findMany({
      orderBy: { sku: 'asc' },
      select: { id: true, sku: true, name: true, priceCents: true, currency: true, stock: true },
    });
  }
}
