import { Controller, Get, Headers, HttpCode, Post, ServiceUnavailableException } from '@nestjs/common';
import { Idempotent } from '@safe-checkout/idempotency-nest';

/** Fails its first two requests with 503, as an overloaded upstream would, then answers. */
@Controller('flaky')
export class FlakyController {
  private readonly keysSeen: string[] = [];

  @Post()
  @HttpCode(201)
  @Idempotent()
  charge(@Headers('idempotency-key') key: string) {
    this.keysSeen.push(key);
    if (this.keysSeen.length <= 2) throw new ServiceUnavailableException('try again');
    return { charged: true, attempts: this.keysSeen.length };
  }

  @Get('keys')
  keys() {
    return this.keysSeen;
  }
}
