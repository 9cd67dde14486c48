import { endpointNames, pluralOf } from './endpoint-names';

describe('pluralOf(name)', () => {
  it.each([
    ['gift-card', 'gift-cards'],
    ['box', 'boxes'],
    ['address', 'addresses'],
    ['batch', 'batches'],
    ['delivery', 'deliveries'],
    ['day', 'days'],
  ])('%s → %s', (name, plural) => expect(pluralOf(name)).toBe(plural));
});

describe('endpointNames(name, plural?)', () => {
  it('derives every name from the singular and its plural', () => {
    expect(endpointNames('gift-card')).toEqual({
      className: 'GiftCard',
      fileName: 'gift-card',
      propertyName: 'giftCard',
      title: 'gift card',
      pluralClassName: 'GiftCards',
      pluralFileName: 'gift-cards',
      pluralPropertyName: 'giftCards',
      pluralTitle: 'gift cards',
      tableName: 'gift_cards',
    });
  });

  it('takes an explicit plural', () => {
    expect(endpointNames('person', 'people')).toMatchObject({ className: 'Person', pluralClassName: 'People', tableName: 'people' });
  });
});
