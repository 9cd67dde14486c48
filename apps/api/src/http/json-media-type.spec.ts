import { ProblemException } from '../problems/problem.exception';
import { assertJsonMediaType } from './json-media-type';

describe('assertJsonMediaType(contentType)', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=UTF8',
    'Application/JSON; Charset="UTF-8"',
    'application/json; foo=bar',
    'application/problem+json',
    'application/vnd.safe-checkout.v1+json; charset=utf-8',
  ])('accepts %s', (contentType) => {
    expect(() => assertJsonMediaType(contentType)).not.toThrow();
  });

  it.each([
    [undefined],
    [''],
    ['text/plain'],
    ['text/json'],
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/octet-stream'],
    ['application/jsonx'],
    ['application/json-patch'],
    ['application/+json'],
    ['json'],
    ['application/json; charset=latin1'],
    ['application/json; charset=utf-16'],
    ['application/json; charset=iso-8859-1'],
  ])('throws unsupported-media-type (415) for %s', (contentType) => {
    expect(() => assertJsonMediaType(contentType)).toThrow(ProblemException);
    try {
      assertJsonMediaType(contentType);
    } catch (error) {
      expect({ slug: (error as ProblemException).slug, status: (error as ProblemException).getStatus() }).toEqual({
        slug: 'unsupported-media-type',
        status: 415,
      });
    }
  });
});
