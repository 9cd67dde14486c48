import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { canonicalUuid } from './canonical-uuid';
import { CanonicalUuid } from './canonical-uuid.decorator';
import { CanonicalUuidParamPipe } from './canonical-uuid-param.pipe';

const LOWER = '8e03978e-40d5-43e8-bc93-6894a57f9324';

describe('canonicalUuid(value)', () => {
  it.each([LOWER, LOWER.toUpperCase(), '8E03978e-40D5-43e8-BC93-6894a57f9324'])('lower-cases %s', (value) => {
    expect(canonicalUuid(value)).toBe(LOWER);
  });

  it.each([['not-a-uuid'], [`${LOWER.toUpperCase()}x`], [` ${LOWER}`], [42], [null], [undefined], [[LOWER.toUpperCase()]]])('returns %j unchanged', (value) => {
    expect(canonicalUuid(value)).toBe(value);
  });
});

describe('CanonicalUuidParamPipe', () => {
  const pipe = new CanonicalUuidParamPipe();

  it('lower-cases a UUID path parameter', () => {
    expect(pipe.transform(LOWER.toUpperCase(), { type: 'param', data: 'id' })).toBe(LOWER);
  });

  it('leaves bodies, queries and custom parameters alone', () => {
    for (const type of ['body', 'query', 'custom'] as const) expect(pipe.transform(LOWER.toUpperCase(), { type })).toBe(LOWER.toUpperCase());
  });
});

describe('@CanonicalUuid()', () => {
  class Line {
    @CanonicalUuid()
    productId!: string;
  }

  it('hands the handler the lower-case UUID', () => {
    const line = plainToInstance(Line, { productId: LOWER.toUpperCase() });
    expect(validateSync(line)).toEqual([]);
    expect(line.productId).toBe(LOWER);
  });

  it.each([['not-a-uuid'], [42], [[LOWER]], [null]])('rejects %j', (productId) => {
    expect(validateSync(plainToInstance(Line, { productId }))).toHaveLength(1);
  });
});
