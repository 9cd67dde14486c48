import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PROBLEM_REGISTRY, problemTypeUri } from '../../problems/problem-registry';

/** One broken rule of a `validation-failed` problem. */
@ApiSchema({ name: 'ValidationError' })
export class ValidationErrorResponse {
  @ApiProperty({ type: String, description: 'Dotted path of the member, e.g. `items.0.quantity`.', example: 'items.0.quantity' })
  field!: string;

  @ApiProperty({ type: [String], example: ['quantity must not be greater than 1000'] })
  messages!: string[];
}

/**
 * The RFC 9457 body of every error (`application/problem+json`). `type` names the problem by its
 * slug; each route's responses narrow it to the slugs that route can answer. The extension members
 * are listed with the problems that carry them.
 */
@ApiSchema({ name: 'ProblemDetails', description: 'RFC 9457 problem details. `type` is `/problems/{slug}`, where the API explains the problem.' })
export class ProblemDetailsResponse {
  @ApiProperty({ type: String, format: 'uri-reference', enum: Object.keys(PROBLEM_REGISTRY).map(problemTypeUri), example: '/problems/insufficient-stock' })
  type!: string;

  @ApiProperty({ type: String, description: 'The same for every occurrence of the problem type.', example: 'Not enough stock' })
  title!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status code.', example: 422 })
  status!: number;

  @ApiProperty({ type: String, description: 'What happened to this request, for a human.' })
  detail!: string;

  @ApiPropertyOptional({
    type: [ValidationErrorResponse],
    description: '`validation-failed`: the rules the request breaks, the first 10 of them (`errorCount` says how many in all).',
  })
  errors?: ValidationErrorResponse[];

  @ApiPropertyOptional({ type: 'integer', description: '`validation-failed`: how many rules the request breaks, listed in `errors` or not.' })
  errorCount?: number;

  @ApiPropertyOptional({
    type: String,
    description: '`json-number-out-of-range`, `json-nul-character`, `ill-formed-unicode`: JSON Pointer (RFC 6901) to the offending value.',
    example: '/items/0/quantity',
  })
  pointer?: string;

  @ApiPropertyOptional({ type: 'integer', description: '`json-too-deep`: the deepest nesting accepted.' })
  maxDepth?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: '`insufficient-stock`, `unknown-product`: the product of the order line.' })
  productId?: string;

  @ApiPropertyOptional({ type: 'integer', description: '`insufficient-stock`: the quantity the order asks for.' })
  requested?: number;

  @ApiPropertyOptional({ type: 'integer', description: '`insufficient-stock`: the quantity in stock.' })
  available?: number;

  @ApiPropertyOptional({
    type: String,
    description: "`payment-declined`: the provider's reason, e.g. `generic_decline`, `insufficient_funds`.",
    example: 'insufficient_funds',
  })
  declineCode?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description: '`payment-declined`, `payment-method-invalid`, `payment-request-invalid`: the order, now `payment_failed`.',
  })
  orderId?: string;

  @ApiPropertyOptional({
    type: String,
    description: '`payment-request-invalid`: the request parameter the provider refused, e.g. `currency`.',
    example: 'currency',
  })
  param?: string;

  @ApiPropertyOptional({ type: 'integer', description: "`order-total-out-of-range`: the order's total, in minor units." })
  totalCents?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: '`order-total-out-of-range`: the largest total the payment provider charges, in minor units.',
    example: 99_999_999,
  })
  maximumCents?: number;
}
