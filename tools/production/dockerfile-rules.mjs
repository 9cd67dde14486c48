// The rules every apps/*/Dockerfile follows (README "Production"), checked on the text: a stand-in
// for what hadolint would add, since no Docker engine or hadolint runs on our build machines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './compose-file.mjs';

/** The repository's Dockerfiles, relative to its root. */
export function dockerfiles() {
  return readdirSync(path.join(ROOT, 'apps'))
    .map((app) => `apps/${app}/Dockerfile`)
    .filter((file) => existsSync(path.join(ROOT, file)));
}

/** A Dockerfile's stages: `{ name, from, instructions: [{ keyword, args }] }`, continuation lines joined. */
export function parseDockerfile(text) {
  const stages = [];
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
      stages.push({ name: name ?? null, from, instructions: [] });
    } else if (stages.length) {
      stages.at(-1).instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

/** Broken rules of one Dockerfile, one sentence each; empty when all hold. */
export function dockerfileProblems(file) {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const stages = parseDockerfile(text);
  const problems = [];
  const rule = (ok, sentence) => ok || problems.push(`${file}: ${sentence}`);
  const all = stages.flatMap((stage) => stage.instructions);
  const final = stages.at(-1);
  const of = (stage, keyword) => stage.instructions.filter((i) => i.keyword === keyword);

  rule(/^# syntax=docker\/dockerfile:1\n/.test(text), 'starts with `# syntax=docker/dockerfile:1` (COPY --parents, RUN --mount)');
  rule(stages.length >= 2, 'is multi-stage: the build never ships');
  rule(!all.some((i) => i.keyword === 'RUN' && /\bnpm (install|i)\b/.test(i.args)), 'installs with `npm ci` from the lock, never `npm install`');
  rule(
    all.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args)),
    'installs with `npm ci`',
  );
  const user = of(final, 'USER').at(-1)?.args;
  rule(user && !/^(root|0)(:|$)/.test(user), 'runs as a non-root user in the final stage');
  rule(of(final, 'HEALTHCHECK').length === 1, 'has one HEALTHCHECK in the final stage');
  rule(/^\["node",/.test(of(final, 'CMD').at(-1)?.args ?? ''), 'starts `node` directly (exec form), so signals reach it');
  rule(!of(final, 'RUN').some((i) => /\bnpm\b/.test(i.args)), 'installs nothing in the final stage');
  for (const copy of of(final, 'COPY').filter((i) => /node_modules/.test(i.args))) {
    const source = stages.find((stage) => stage.name === /--from=(\S+)/.exec(copy.args)?.[1]);
    const install = source && of(source, 'RUN').find((i) => /\bnpm ci\b/.test(i.args));
    rule(install && /--omit=dev/.test(install.args), 'copies node_modules only from a production install (`npm ci --omit=dev`)');
  }
  return problems;
}

/** Broken rules of the build context's .dockerignore. */
export function dockerignoreProblems() {
  const file = path.join(ROOT, '.dockerignore');
  if (!existsSync(file)) return ['.dockerignore is missing'];
  const patterns = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim());
  return ['.git', '**/node_modules', '**/dist', '**/.next', '.data', '.env']
    .filter((pattern) => !patterns.includes(pattern))
    .map((pattern) => `.dockerignore must exclude ${pattern}`);
}
