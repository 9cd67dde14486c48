// `node tools/production/validate-production.mjs [--standalone]`: checks the production packaging
// as far as a machine without a Docker engine can (README "Production", "What was validated").
//   - docker-compose.yml against the Compose Specification's JSON schema, and the production
//     profile's rules (secrets required, migrations first, replicas, health checks, /metrics);
//   - the Dockerfiles' rules and .dockerignore; dockerfile-utils when it resolves, and hadolint
//     when it is on the PATH (neither is a dependency: hadolint cannot be installed here);
//   - `docker compose config`, when a Compose plugin is there (never on our build machines);
//   - --standalone: the storefront's standalone server, laid out as apps/storefront/Dockerfile
//     lays it out, started with node and asked for pages. Build first:
//     npx nx run @safe-checkout/storefront:build (STOREFRONT_NEXT_DIR: another build's .next).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readComposeFile, ROOT, schemaErrors } from './compose-file.mjs';
import { dockerfileProblems, dockerfiles, dockerignoreProblems } from './dockerfile-rules.mjs';
import { EXAMPLE_SECRETS as SECRETS, missingVariables, productionProblems, REQUIRED_SECRETS } from './production-profile-rules.mjs';

const results = { passed: 0, failed: 0, skipped: 0 };

function report(name, problems) {
  results[problems.length ? 'failed' : 'passed'] += 1;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.map((p) => `\n       ${p}`).join('')}`);
}

function skip(name, why) {
  results.skipped += 1;
  console.log(`skip ${name}: ${why}`);
}

function checkCompose() {
  const compose = readComposeFile();
  report('docker-compose.yml follows the Compose Specification schema', schemaErrors(compose.model));
  const missing = missingVariables(compose, ['production'], {}).map((m) => m.name);
  report(
    `--profile production requires ${REQUIRED_SECRETS.join(', ')}`,
    REQUIRED_SECRETS.filter((n) => !missing.includes(n)).map((n) => `${n} is not required`),
  );
  report(
    'development (no profile) needs no variable',
    missingVariables(compose, [], {}).map((m) => `${m.name} is required`),
  );
  report('the production profile keeps its rules', productionProblems(compose, SECRETS));
}

function checkDockerfiles() {
  for (const file of dockerfiles()) report(`${file} keeps the image rules`, dockerfileProblems(file));
  report('.dockerignore', dockerignoreProblems());
  let dockerfileUtils;
  try {
    dockerfileUtils = createRequire(import.meta.url)('dockerfile-utils');
  } catch {
    skip('dockerfile-utils', "not installed (the linter of VS Code's Docker language service; not a project dependency)");
  }
  for (const file of dockerfileUtils ? dockerfiles() : []) {
    const diagnostics = dockerfileUtils.validate(readFileSync(path.join(ROOT, file), 'utf8'));
    report(
      `dockerfile-utils ${file}`,
      diagnostics.map((d) => `line ${d.range.start.line + 1}: ${d.message}`),
    );
  }
  const hadolint = spawnSync('hadolint', dockerfiles(), { cwd: ROOT, encoding: 'utf8' });
  if (hadolint.error) skip('hadolint', 'not installed (Debian bookworm has no package, npm none that ships it)');
  else report('hadolint', hadolint.status === 0 ? [] : hadolint.stdout.trim().split('\n'));
}

function checkComposeConfig() {
  const version = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    skip('docker compose config', '`docker compose version` fails: no Docker Compose plugin on this machine');
    return;
  }
  const config = (env) =>
    spawnSync('docker', ['compose', '--profile', 'production', 'config', '--quiet'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const withSecrets = config(SECRETS);
  const without = config(Object.fromEntries(REQUIRED_SECRETS.map((n) => [n, ''])));
  report('docker compose --profile production config', [
    ...(withSecrets.status === 0 ? [] : [`with the secrets: ${withSecrets.stderr.trim()}`]),
    ...(without.status !== 0 ? [] : ['without the secrets it succeeded']),
  ]);
}

async function checkStandalone() {
  const nextDir = path.resolve(process.env.STOREFRONT_NEXT_DIR ?? path.join(ROOT, 'apps/storefront/.next'));
  if (!existsSync(path.join(nextDir, 'standalone'))) {
    report('storefront standalone server', [
      `${nextDir}/standalone is missing: build the storefront as the image does first (STOREFRONT_OUTPUT=standalone npx nx run @safe-checkout/storefront:build --skip-nx-cache)`,
    ]);
    return;
  }
  // The image's layout: the standalone tree at the root, the static assets beside the server.
  const app = mkdtempSync(path.join(tmpdir(), 'storefront-standalone-'));
  cpSync(path.join(nextDir, 'standalone'), app, { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(nextDir, 'static'), path.join(app, 'apps/storefront/.next/static'), { recursive: true });
  const port = await freePort();
  const server = spawn(process.execPath, ['apps/storefront/server.js'], {
    cwd: app,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      SAFE_CHECKOUT_API_URL: 'http://localhost:8081',
    },
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  let problems;
  try {
    problems = await fetchPages(`http://127.0.0.1:${port}`);
  } finally {
    process.kill(-server.pid, 'SIGTERM');
    rmSync(app, { recursive: true, force: true });
  }
  report('storefront standalone server (node apps/storefront/server.js)', problems);
  if (problems.length) console.log(output);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function fetchPages(base) {
  const deadline = Date.now() + 30_000;
  let home;
  while (!home && Date.now() < deadline) {
    home = await fetch(`${base}/`).catch(() => new Promise((resolve) => setTimeout(resolve, 250)));
  }
  if (!home) return ['did not answer within 30 s'];
  const html = await home.text();
  const problems = home.status === 200 ? [] : [`GET / answered ${home.status}`];
  if (!html.includes('http://localhost:8081')) problems.push('GET / does not carry SAFE_CHECKOUT_API_URL, read at request time');
  const page = await fetch(`${base}/how-it-works`);
  if (page.status !== 200) problems.push(`GET /how-it-works answered ${page.status}`);
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  const script = asset && (await fetch(`${base}${asset}`));
  if (!script || script.status !== 200) problems.push(`static asset ${asset ?? '(none in the page)'} answered ${script?.status}`);
  console.log(`       GET / ${home.status}, GET /how-it-works ${page.status}, GET ${asset} ${script?.status}`);
  return problems;
}

checkCompose();
checkDockerfiles();
checkComposeConfig();
if (process.argv.includes('--standalone')) await checkStandalone();
else skip('storefront standalone server', 'run with --standalone after building the storefront');
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed ? 1 : 0);
