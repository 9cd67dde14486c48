// `nx run @safe-checkout/production-packaging:test` (part of `npm test`): docker-compose.yml and the Dockerfiles,
// checked without a Docker engine. tools/production/validate-production.mjs runs the same checks
// and more (hadolint when installed, the storefront's standalone server).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolate, readComposeFile, schemaErrors } from './compose-file.mjs';
import { dockerfileProblems, dockerfiles, dockerignoreProblems } from './dockerfile-rules.mjs';
import { EXAMPLE_SECRETS as SECRETS, missingVariables, productionProblems, REQUIRED_SECRETS } from './production-profile-rules.mjs';

describe('docker-compose.yml', () => {
  const compose = readComposeFile();

  it('follows the Compose Specification (its JSON schema)', () => {
    assert.deepEqual(schemaErrors(compose.model), []);
  });

  it('schemaErrors(model) when a service has a misspelt key: names it', () => {
    const model = structuredClone(compose.model);
    model.services.api.healthchek = { test: ['CMD', 'true'] };
    assert.match(schemaErrors(model).join('\n'), /healthchek/);
  });

  it('up without a profile (development) needs no variable', () => {
    assert.deepEqual(missingVariables(compose, [], {}), []);
  });

  it('up --profile production without the secrets fails, naming each', () => {
    const missing = missingVariables(compose, ['production'], {}).map((m) => m.name);
    for (const name of REQUIRED_SECRETS) assert.ok(missing.includes(name), `${name} is not required`);
  });

  it('up --profile production with the secrets has every variable', () => {
    assert.deepEqual(missingVariables(compose, ['production'], SECRETS), []);
  });

  it('keeps the rules of the production profile', () => {
    assert.deepEqual(productionProblems(compose, SECRETS), []);
  });

  it('productionProblems() when a secret is required in docker-compose.yml itself: development would need it', () => {
    const broken = structuredClone(compose);
    broken.model.services.api.environment.JWT_SECRET = '${JWT_SECRET:?set JWT_SECRET}';
    assert.ok(productionProblems(broken, SECRETS).some((p) => p.includes('must not require a variable')));
  });

  it('productionProblems() when the API has one replica and skips the migrations: says both', () => {
    const broken = structuredClone(compose);
    broken.model.services.api.deploy.replicas = 1;
    broken.model.services.api.depends_on.migrate.condition = 'service_started';
    const problems = productionProblems(broken, SECRETS).join('\n');
    assert.match(problems, /two replicas/);
    assert.match(problems, /migrations to complete successfully/);
  });
});

describe('interpolate(text, env)', () => {
  it('when a required variable is empty: reports it with its message', () => {
    assert.deepEqual(interpolate('a=${A:?set A}', { A: '' }).missing, [{ name: 'A', message: 'set A' }]);
  });

  it('when a variable has a default: uses it only if unset (-) or unset or empty (:-)', () => {
    assert.equal(interpolate('${A-x}|${A:-y}|$$A', { A: '' }).text, '|y|$A');
  });
});

describe('Dockerfiles', () => {
  it('there is one per deployed app', () => {
    assert.deepEqual(dockerfiles(), ['apps/api/Dockerfile', 'apps/payment-sandbox/Dockerfile', 'apps/storefront/Dockerfile']);
  });

  for (const file of dockerfiles()) {
    it(`${file} keeps the image rules`, () => {
      assert.deepEqual(dockerfileProblems(file), []);
    });
  }

  it('.dockerignore keeps host installs, builds and data out of the context', () => {
    assert.deepEqual(dockerignoreProblems(), []);
  });
});
