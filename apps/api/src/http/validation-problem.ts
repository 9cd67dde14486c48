import type { ValidationError } from '@nestjs/common';
import { ProblemException } from '../problems/problem.exception';

/**
 * Most errors listed in one `validation-failed` problem; `errorCount` gives the total. A body with
 * thousands of bad members would otherwise be answered with a list larger than itself
 * (a 583 kB answer to an 89 kB body).
 */
export const MAX_LISTED_VALIDATION_ERRORS = 10;

/** One broken rule: the member's path (`items.0.quantity`) and what is wrong with it. */
export interface FieldErrors {
  field: string;
  messages: string[];
}

/** 400 `validation-failed` listing the first {@link MAX_LISTED_VALIDATION_ERRORS} of `errors`, with `errorCount`. */
export function validationProblem(errors: readonly FieldErrors[], errorCount = errors.length): ProblemException {
  return new ProblemException('validation-failed', 'The request does not follow the documented rules.', {
    errors: errors.slice(0, MAX_LISTED_VALIDATION_ERRORS),
    errorCount,
  });
}

/** The ValidationPipe's `exceptionFactory`: class-validator's error tree, flattened, as {@link validationProblem}. */
export function validationFailed(errors: ValidationError[]): ProblemException {
  return validationProblem(flatten(errors));
}

function flatten(errors: ValidationError[], parent = ''): FieldErrors[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
