import { migrationName } from './migration';

describe('migrationName(existing, now, table)', () => {
  const existing = ['20261128000000_init', '20261130120000_key_settled_notify', 'migration_lock.toml'];

  it('is the UTC time of now when that sorts after every existing migration', () => {
    expect(migrationName(existing, new Date('2026-12-24T09:08:07.654Z'), 'gift_cards')).toBe('20261224090807_create_gift_cards');
  });

  it('is one second after the latest migration when the clock is behind it', () => {
    expect(migrationName(existing, new Date('2026-01-01T00:00:00Z'), 'gift_cards')).toBe('20261130120001_create_gift_cards');
  });

  it('works in an empty migrations folder', () => {
    expect(migrationName([], new Date('2026-12-24T09:08:07Z'), 'boxes')).toBe('20261224090807_create_boxes');
  });
});
