import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { findUnknownMembers } from './unknown-members';
import { MAX_LISTED_VALIDATION_ERRORS, validationProblem } from './validation-problem';

const PRIMITIVES: ReadonlySet<unknown> = new Set([String, Number, Boolean, Array, Object]);

/**
 * Refuses a body with members its DTO does not declare (400 `validation-failed`, the same answer
 * the ValidationPipe's `forbidNonWhitelisted` gives), before the ValidationPipe runs: its cost grows
 * with every member, and a refusal must cost less than the request (docs/capacity.md). Register it before
 * the ValidationPipe.
 */
@Injectable()
export class UnknownMembersPipe implements PipeTransform {
  transform(value: unknown, { type, metatype }: ArgumentMetadata): unknown {
    if (type !== 'body' || !metatype || PRIMITIVES.has(metatype)) return value;
    const unknown = findUnknownMembers(value, metatype, MAX_LISTED_VALIDATION_ERRORS);
    if (unknown.count > 0) throw validationProblem(unknown.listed, unknown.count);
    return value;
  }
}
