module.exports = { ...require('../../jest.preset.js'), displayName: 'listen-address' };
