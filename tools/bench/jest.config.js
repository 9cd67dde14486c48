// The pure parts of the benches only (report arithmetic and formatting); the benches themselves
// run with `npm run bench` and `npm run bench:capacity`, never in `npm test`.
module.exports = { ...require('../../jest.preset.js'), displayName: 'bench' };
