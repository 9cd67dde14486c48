import { endpointNameProblems, MAX_PLURAL_LENGTH } from './endpoint-name-rules';

describe('endpointNameProblems(name, plural?)', () => {
  it.each(['gift-card', 'box', 'voucher2', 'a-b-c'])('accepts the kebab-case name %s', (name) => {
    expect(endpointNameProblems(name)).toEqual([]);
  });

  it.each([
    ['', /name is empty/],
    ['   ', /name is empty/],
    [undefined, /name is empty/],
  ])('refuses an empty name (%j)', (name, message) => {
    expect(endpointNameProblems(name)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['GiftCard', 'gift-card'],
    ['Gift-Card', 'gift-card'],
    ['giftCard', 'gift-card'],
  ])('refuses upper case in %s and suggests %s', (name, suggestion) => {
    expect(endpointNameProblems(name)).toEqual([expect.stringContaining(`not kebab-case`)]);
    expect(endpointNameProblems(name)[0]).toContain(`Did you mean "${suggestion}"?`);
  });

  it.each(['gift_card', 'gift card', 'gift--card', '-gift', 'gift-', '2fa', 'café', 'gift.card', '../etc'])(
    'refuses %j: characters or shape outside [a-z0-9-]',
    (name) => {
      expect(endpointNameProblems(name)).toEqual([expect.stringContaining('not kebab-case')]);
    },
  );

  it.each(['orders', 'order', 'users', 'user', 'auth', 'health', 'metrics', 'metric', 'docs', 'doc', 'problems', 'problem', 'products'])(
    'refuses %s: it or its plural is one of the API routes',
    (name) => {
      expect(endpointNameProblems(name)).toEqual([expect.stringMatching(/is one of the API's own routes \(\/[a-z]+\)/)]);
    },
  );

  it.each(['class', 'delete', 'new', 'default', 'import', 'this'])('refuses the JavaScript reserved word %s', (name) => {
    expect(endpointNameProblems(name, `${name}-items`)).toEqual([expect.stringContaining(`"${name}" is a reserved word in JavaScript`)]);
  });

  it('checks --plural too: its syntax, a route, a reserved word', () => {
    expect(endpointNameProblems('person', 'People')).toEqual([expect.stringMatching(/--plural "People" is not kebab-case/)]);
    expect(endpointNameProblems('purchase', 'orders')).toEqual([expect.stringContaining('"orders" is one of the API\'s own routes')]);
    expect(endpointNameProblems('thing', 'this')).toEqual([expect.stringContaining('"this" is a reserved word')]);
  });

  it('refuses a plural equal to the name, or too long for PostgreSQL identifiers', () => {
    expect(endpointNameProblems('sheep', 'sheep')).toEqual([expect.stringContaining('plural must differ')]);
    expect(endpointNameProblems('a'.repeat(MAX_PLURAL_LENGTH))).toEqual([expect.stringContaining(`longer than ${MAX_PLURAL_LENGTH}`)]);
  });
});
