import { Body, Controller, Inject, Injectable, Module, Post } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaClient } from '@safe-checkout/db';
import { Idempotent } from '@safe-checkout/idempotency-nest';
import { PrismaTransactionHost } from '../database/transaction-host';

/** What a stock take answers: the product's stock after it. */
export interface StockTake {
  productId: string;
  stock: number;
}

/**
 * Takes one unit of a product's stock, once the right way and once the wrong way, for the tests
 * of the transaction rule (plain-client-write.mistake.spec.ts). Test-only: never part of the API.
 */
@Injectable()
export class StockTakes {
  /** How many of the next takes fail after their write: a later step of the operation failing. */
  failuresAfterWrite = 0;

  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
  ) {}

  /** Right: through the transaction the idempotency layer opened, so a failure rolls it back. */
  async throughTransaction(productId: string): Promise<StockTake> {
    const product = await this.txHost.tx.product.update({ where: { id: productId }, data: { stock: { decrement: 1 } } });
    this.failIfAsked();
    return { productId, stock: product.stock };
  }

  /** The mistake: the plain client commits at once, outside the operation's transaction. */
  async throughPlainClient(productId: string): Promise<StockTake> {
    const product = await this.prisma.product.update({ where: { id: productId }, data: { stock: { decrement: 1 } } });
    this.failIfAsked();
    return { productId, stock: product.stock };
  }

  private failIfAsked(): void {
    if (this.failuresAfterWrite === 0) return;
    this.failuresAfterWrite -= 1;
    throw new Error('injected failure after the write');
  }
}

@Controller('testing/stock-takes')
class StockTakesController {
  constructor(private readonly takes: StockTakes) {}

  @Post('through-transaction')
  @Idempotent()
  throughTransaction(@Body() body: { productId: string }): Promise<StockTake> {
    return this.takes.throughTransaction(body.productId);
  }

  @Post('through-plain-client')
  @Idempotent()
  throughPlainClient(@Body() body: { productId: string }): Promise<StockTake> {
    return this.takes.throughPlainClient(body.productId);
  }
}

/** Pass to `startTestApi(env, [StockTakesModule])`; `api.app.get(StockTakes)` scripts failures. */
@Module({ controllers: [StockTakesController], providers: [StockTakes] })
export class StockTakesModule {}
