import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'safe-checkout:public';

/** Marks a route or controller as reachable without a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
