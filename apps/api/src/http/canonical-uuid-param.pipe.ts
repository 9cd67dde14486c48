import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { canonicalUuid } from './canonical-uuid';

/**
 * A global pipe that hands handlers every UUID-shaped path parameter in its canonical lower-case
 * form (see {@link canonicalUuid}), so `GET /users/8E03…` is the same request as `GET /users/8e03…`.
 * Other parameters, and path parameters that are not UUIDs, pass unchanged (a non-UUID order id
 * stays a 404). Body ids are normalised by the `@CanonicalUuid()` DTO decorator.
 */
@Injectable()
export class CanonicalUuidParamPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? canonicalUuid(value) : value;
  }
}
