// The rules of docker-compose.yml's production profile (README "Production"), checked on the
// parsed file: what `docker compose --profile production up` would start, and with what.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { enabledServices, envFilesOf, interpolateValues, readEnvFile, ROOT } from './compose-file.mjs';

/** The profile's required secrets: `up` must fail, naming each, when one is missing. */
export const REQUIRED_SECRETS = ['JWT_SECRET', 'PAYMENT_PROVIDER_SECRET_KEY', 'POSTGRES_PASSWORD'];

/** Values for {@link REQUIRED_SECRETS} that the applications accept, for the checks only. */
export const EXAMPLE_SECRETS = { JWT_SECRET: 'j'.repeat(48), PAYMENT_PROVIDER_SECRET_KEY: 'sk_test_0123456789abcdef', POSTGRES_PASSWORD: '0123456789abcdef' };

/** Values of the development setup that a production service must never carry. */
const DEVELOPMENT_SECRETS = ['sk_test_safe_checkout_sandbox', 'safe-checkout-development-secret', 'postgres:postgres@'];

/** What `docker compose [--profile …] up` would lack: the required variables missing from `env`. */
export function missingVariables(compose, profiles, env) {
  const services = enabledServices(compose.model, profiles);
  const fromFiles = services.flatMap(([, service]) => envFilesOf(service).flatMap((file) => readEnvFile(file, env).missing));
  // Compose interpolates the whole file before it applies profiles: a required variable there binds them all.
  return [...interpolateValues(compose.model, env), ...fromFiles];
}

/** Broken rules of the production profile, one sentence each; empty when all hold. */
export function productionProblems(compose, secrets) {
  const problems = [];
  const rule = (ok, sentence) => ok || problems.push(sentence);
  const production = enabledServices(compose.model, ['production']).filter(([, s]) => s.profiles?.includes('production'));
  const byName = Object.fromEntries(production);

  rule(
    interpolateValues(compose.model, {}).length === 0,
    'docker-compose.yml itself must not require a variable (${NAME:?}): Compose interpolates it for every profile, so development would need it too',
  );
  rule(missingVariables(compose, [], {}).length === 0, 'development (no profile) must start without any variable');
  const withoutSecrets = new Set(missingVariables(compose, ['production'], {}).map((m) => m.name));
  for (const name of REQUIRED_SECRETS) rule(withoutSecrets.has(name), `production must refuse to start without ${name}`);
  rule(missingVariables(compose, ['production'], secrets).length === 0, 'production must start once the required secrets are set');

  for (const [name, service] of production) {
    const environment = { ...Object.assign({}, ...envFilesOf(service).map((file) => readEnvFile(file, secrets).variables)), ...service.environment };
    const dockerfile = service.build && path.join(ROOT, service.build.context ?? '.', service.build.dockerfile ?? 'Dockerfile');
    if (dockerfile) {
      rule(existsSync(dockerfile), `${name}: ${path.relative(ROOT, dockerfile)} is missing`);
      rule(environment.NODE_ENV === 'production', `${name}: NODE_ENV must be production`);
    }
    const exposed = JSON.stringify(environment);
    for (const secret of DEVELOPMENT_SECRETS) rule(!exposed.includes(secret), `${name}: carries a development secret (${secret})`);
    if (name !== 'lb') rule(!service.ports, `${name}: only the load balancer publishes ports`);
    const oneShot = service.restart === 'no';
    const imageHealthcheck = dockerfile && existsSync(dockerfile) && /^HEALTHCHECK\s/m.test(readFileSync(dockerfile, 'utf8'));
    const healthcheck = service.healthcheck && !service.healthcheck.disable ? true : imageHealthcheck;
    rule(oneShot || healthcheck, `${name}: a long-running service needs a health check`);
  }

  const migrate = production.find(([, s]) => JSON.stringify(s.command ?? '').includes('tools/migrate.mjs'));
  rule(migrate, 'a one-shot service must run tools/migrate.mjs');
  const api = byName.api;
  rule(api, 'the production profile must have an `api` service');
  if (api && migrate) {
    rule(api.depends_on?.[migrate[0]]?.condition === 'service_completed_successfully', 'api must wait for the migrations to complete successfully');
    rule(Number(api.deploy?.replicas) >= 2, 'api must run at least two replicas, to show that they share keys');
  }

  const lb = byName.lb;
  const nginxConf = lb?.volumes?.map((v) => v.split(':')[0]).find((source) => source.endsWith('.conf'));
  rule(nginxConf && existsSync(path.join(ROOT, nginxConf)), 'lb must mount its nginx configuration from the repository');
  if (nginxConf && existsSync(path.join(ROOT, nginxConf))) {
    rule(
      /location\s+~\*\s+\^\/metrics\(\/\|\$\)\s*\{\s*deny all;/.test(readFileSync(path.join(ROOT, nginxConf), 'utf8')),
      'lb must not forward /metrics (any case, any suffix)',
    );
  }
  return problems;
}
