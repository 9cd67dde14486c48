import type { EarlyRefusalCheck } from '../http/early-refusals';
import { routePathOf } from '../http/early-refusals';
import type { ClientAddresses } from './client-addresses';
import type { LoginAdmission } from './login-admission';

/** The login route (auth.controller.ts), as {@link routePathOf} spells it. */
const LOGIN_PATH = '/auth/login';

/**
 * A login from an address this process already saw over its limit, refused before its body is
 * read: the 429 it would get from {@link LoginAdmission.admit}, which asks nothing of the database
 * either, but here without the body parser, the validation and the rest of the pipeline. A flood
 * of wrong passwords from one address is then almost free to refuse.
 */
export function knownLoginAddressRefusal(admission: LoginAdmission, addresses: ClientAddresses): EarlyRefusalCheck {
  return {
    reason: 'login-address-limit',
    refusalOf: (request) =>
      request.method === 'POST' && routePathOf(request) === LOGIN_PATH ? admission.knownAddressRefusal(addresses.of(request)) : undefined,
  };
}
