module.exports = { ...require('../../jest.preset.js'), displayName: 'idempotency-key' };
