module.exports = { ...require('../../jest.preset.js'), displayName: 'retrying-client' };
