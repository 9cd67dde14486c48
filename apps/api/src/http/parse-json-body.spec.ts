import { ProblemException } from '../problems/problem.exception';
import { MAX_JSON_DEPTH } from './json-body-policy';
import { parseJsonBody } from './parse-json-body';

const parse = (text: string) => parseJsonBody(Buffer.from(text));

/** The slug and problem body `work` throws, or a failure when it throws none. */
function problemOf(work: () => unknown): { slug: string; detail: string; pointer?: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof ProblemException) return { ...error.problem, slug: error.slug } as { slug: string; detail: string; pointer?: string };
    throw error;
  }
  throw new Error('expected a ProblemException');
}

const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '[]' + '}'.repeat(depth - 1);

describe('parseJsonBody(bytes)', () => {
  it('returns the parsed object', () => {
    expect(parse('{"items":[{"productId":"x","quantity":2}]}')).toEqual({ items: [{ productId: 'x', quantity: 2 }] });
  });

  it('returns undefined for an empty body', () => {
    expect(parseJsonBody(new Uint8Array())).toBeUndefined();
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  describe('when the bytes are not UTF-8', () => {
    it.each([
      ['a stray continuation byte', [0x80]],
      ['a truncated sequence', [0xc3]],
      ['an overlong encoding', [0xc0, 0xaf]],
      ['an encoded surrogate', [0xed, 0xa0, 0x80]],
      ['Latin-1 text', [0xe9]],
    ])('throws ill-formed-unicode for %s', (_name, bytes) => {
      const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from(bytes), Buffer.from('"}')]);
      expect(problemOf(() => parseJsonBody(body)).slug).toBe('ill-formed-unicode');
    });
  });

  describe('when nesting is deep', () => {
    it(`accepts exactly ${MAX_JSON_DEPTH} levels`, () => {
      expect(() => parse(nested(MAX_JSON_DEPTH))).not.toThrow();
    });

    it(`throws json-too-deep at ${MAX_JSON_DEPTH + 1} levels, before parsing`, () => {
      expect(problemOf(() => parse(nested(MAX_JSON_DEPTH + 1)))).toMatchObject({ slug: 'json-too-deep', maxDepth: MAX_JSON_DEPTH });
    });

    it('throws json-too-deep for a million levels without overflowing the stack', () => {
      expect(problemOf(() => parse('['.repeat(1_000_000))).slug).toBe('json-too-deep');
    });

    it('does not count brackets inside strings', () => {
      expect(() => parse(`{"a":"${'[{'.repeat(1000)}"}`)).not.toThrow();
    });

    it('tracks escapes: an escaped quote does not end a string, an escaped backslash does not escape the quote', () => {
      expect(() => parse(`{"a":"\\"${'['.repeat(100)}","b":"\\\\","c":"${'{'.repeat(100)}"}`)).not.toThrow();
      expect(problemOf(() => parse(`{"b":"\\\\",${'"c":{'.repeat(MAX_JSON_DEPTH)}}}`)).slug).toBe('json-too-deep');
    });
  });

  it('throws malformed-json for text that is not JSON', () => {
    expect(problemOf(() => parse('{"a": ')).slug).toBe('malformed-json');
  });

  it.each([['[]'], ['[{}]'], ['"x"'], ['1'], ['null'], ['false']])('throws json-body-not-object for the top-level value %s', (text) => {
    expect(problemOf(() => parse(text)).slug).toBe('json-body-not-object');
  });

  describe('when a number overflows a double', () => {
    it.each([
      ['1e400'],
      ['-1e400'],
      ['2E+308'],
      [
        '179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792',
      ],
    ])('throws json-number-out-of-range for %s', (number) => {
      expect(problemOf(() => parse(`{"a":[0,{"b":${number}}]}`))).toMatchObject({ slug: 'json-number-out-of-range', pointer: '/a/1/b' });
    });

    it('accepts the largest double and numbers that underflow to zero', () => {
      expect(parse('{"a":1.7976931348623157e308,"b":1e-400}')).toEqual({ a: 1.7976931348623157e308, b: 0 });
    });
  });

  describe('when text holds a NUL character', () => {
    it('throws json-nul-character for a value, pointing at it', () => {
      expect(problemOf(() => parse('{"a":["ok","x\\u0000"]}'))).toMatchObject({ slug: 'json-nul-character', pointer: '/a/1' });
    });

    it('throws json-nul-character for a member name, escaping the pointer as RFC 6901 says', () => {
      expect(problemOf(() => parse('{"a/b~":{"\\u0000":1}}'))).toMatchObject({ slug: 'json-nul-character', pointer: '/a~1b~0/\u0000' });
    });
  });

  describe('when text is not well-formed Unicode', () => {
    it.each([
      ['a lone high surrogate', '\\ud800'],
      ['a lone low surrogate', '\\udc00'],
      ['a reversed pair', '\\udc00\\ud800'],
      ['a high surrogate at the end', 'ab\\udbff'],
    ])('throws ill-formed-unicode for %s in a value', (_name, escaped) => {
      expect(problemOf(() => parse(`{"a":"${escaped}"}`))).toMatchObject({ slug: 'ill-formed-unicode', pointer: '/a' });
    });

    it('throws ill-formed-unicode for a lone surrogate in a member name', () => {
      expect(problemOf(() => parse('{"a":{"\\ud800":1}}')).slug).toBe('ill-formed-unicode');
    });

    it('accepts surrogate pairs, escaped or not', () => {
      expect(parse('{"a":"\\ud83d\\ude00 \u{1F600}"}')).toEqual({ a: '\u{1F600} \u{1F600}' });
    });
  });

  it('reports the first offender in document order, member names included', () => {
    expect(problemOf(() => parse('{"a":[1,{"b":"\\u0000"}],"c":1e400}'))).toMatchObject({ slug: 'json-nul-character', pointer: '/a/1/b' });
    expect(problemOf(() => parse('{"a":1,"\\ud800":"\\u0000","c\\u0000":1}'))).toMatchObject({ slug: 'ill-formed-unicode', pointer: '/\ud800' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('throws validation-failed for a member named %s at any depth, which no request body has', (name) => {
    expect(problemOf(() => parse(`{"${name}":{"x":1}}`))).toMatchObject({ slug: 'validation-failed', detail: expect.stringContaining('"/' + name + '"') });
    expect(problemOf(() => parse(`{"items":[{"${name}":1}]}`))).toMatchObject({ slug: 'validation-failed' });
  });

  it('walks a wide body (100 000 values) without recursion trouble', () => {
    expect(parse(`{"a":[${Array(100_000).fill('1').join(',')}]}`)?.a).toHaveLength(100_000);
  });
});
