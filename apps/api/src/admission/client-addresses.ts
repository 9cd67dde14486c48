import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { clientAddressOf } from './client-address';
import { parseTrustedProxies } from './trusted-proxies';

/** The client address of a request, with this API's `TRUSTED_PROXIES` (read once, at start). */
@Injectable()
export class ClientAddresses {
  private readonly trustedProxies: BlockList;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.trustedProxies = parseTrustedProxies(config.trustedProxies);
  }

  of(request: IncomingMessage): string {
    return clientAddressOf(request, this.trustedProxies);
  }
}
