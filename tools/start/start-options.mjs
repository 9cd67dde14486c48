// The options of `npm start` (tools/start.mjs), read before anything is built or started, so that
// `--help` and a mistyped option answer at once.

export const START_USAGE = `Usage: npm start -- [options]        (or: node tools/start.mjs [options])

Builds what the demo runs, then starts the database, the payment sandbox, the API and the
storefront, prints their URLs and stops them all on Ctrl-C.

Options:
  --chaos      put a fault-injecting proxy on both network hops of a checkout, with a chaos panel
               on the cart page (also SAFE_CHECKOUT_CHAOS=1); see docs/chaos.md
  --reset      set the demo back before starting: the demo products' stock and the demo users'
               profiles (orders are kept); the same as \`npm run demo:reset\`
  --no-build   start what was built last, without building first
  -h, --help   print this and exit

Environment (see README.md, Configuration): DATABASE_URL (your PostgreSQL instead of the
embedded one in .data/postgres), HOST, PORT, STOREFRONT_PORT, PAYMENT_SANDBOX_PORT,
EMBEDDED_POSTGRES_PORT, EMBEDDED_POSTGRES_DIR, LOG_LEVEL (unset: the banner and one line per
request; set, e.g. to info or debug: every process's own log lines).`;

const FLAGS = new Map([
  ['--chaos', 'chaos'],
  ['--reset', 'reset'],
  ['--no-build', 'noBuild'],
  ['--help', 'help'],
  ['-h', 'help'],
]);

/**
 * `args` (process.argv after the script) and the environment, as what `npm start` should do.
 * `unknown` lists what is not an option; the caller refuses to start when it is not empty.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
export function readStartOptions(args, env) {
  const given = new Set(args.filter((arg) => FLAGS.has(arg)).map((arg) => FLAGS.get(arg)));
  const chaosVariable = env.SAFE_CHECKOUT_CHAOS;
  return {
    help: given.has('help'),
    chaos: given.has('chaos') || chaosVariable === '1' || chaosVariable === 'true',
    reset: given.has('reset'),
    build: !given.has('noBuild'),
    unknown: args.filter((arg) => !FLAGS.has(arg)),
  };
}
