module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'chaos-proxy',
  testTimeout: 30_000,
};
