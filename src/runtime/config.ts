/**
 * The only module that reads the environment. Every setting is validated once,
 * at start-up, by one zod schema; a bad value fails with the variable's name.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';

const MIB = 1024 * 1024;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SEEDS_DIR: z.string().min(1).default('./seeds'),
  DATA_DIR: z.string().min(1).default('./data'),
  MEILI_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  MEILI_MASTER_KEY: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'must be at least 16 bytes (Meilisearch refuses shorter master keys)').optional(),
  ),
  /** A file holding the master key (a Docker or Kubernetes secret); read when MEILI_MASTER_KEY is not set. */
  MEILI_MASTER_KEY_FILE: optionalString,
  /** 'auto': the embedded engine unless MEILI_URL is set; 'off': MEILI_URL is required (containers). */
  EMBEDDED_ENGINE: z.enum(['auto', 'off']).default('auto'),
  /**
   * The shards of a Meilisearch network, as name=url pairs (ms0=http://meili0:7700,…): the names
   * are the remotes of the engines' /network, the URLs are where the gateway counts exactly.
   * Empty: the one engine at MEILI_URL. All shards share MEILI_MASTER_KEY.
   */
  MEILI_SHARDS: z
    .preprocess(blankToUndefined, z.string().optional())
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}=https?:\/\/\S+$/, 'each shard is name=url, the name in letters, digits, "-" and "_"')
          .transform((pair) => ({ name: pair.slice(0, pair.indexOf('=')), url: pair.slice(pair.indexOf('=') + 1) })),
      ),
    ),
  INDEX_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'only letters, digits, "-" and "_" (a Meilisearch index uid)')
    .default('articles'),
  ADMIN_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  REINDEX_CRON: z.string().default('*/1 * * * *').refine((v) => cron.validate(v), 'not a valid cron expression'),
  /** 'on': this instance runs the schedule; 'off': it only serves (other gateways of a scale-out). */
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  /**
   * The indexing lease in the engine, so that among gateways sharing an engine one indexes at a
   * time: 'auto' takes it when MEILI_URL is set (an engine others may share), not for the embedded one.
   */
  LEASE: z.enum(['auto', 'on', 'off']).default('auto'),
  /** How long the indexing lease held in the engine lasts without renewal. */
  LEASE_TTL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** This instance's name in the lease (defaults to host name and process id). */
  INSTANCE_ID: z.preprocess(blankToUndefined, z.string().regex(/^[\w.:-]{1,100}$/).optional()),
  CORS_ORIGINS: z
    .preprocess(blankToUndefined, z.string().optional())
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  MAX_FILE_BYTES: z.coerce.number().int().positive().default(20 * MIB),
  /**
   * The share of the indexed files one run may delete (0–1). A run that would delete more, or
   * finds the seeds folder empty, is refused until an operator confirms it.
   */
  MAX_DELETE_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  /** The heap the service's pipeline worker may take for one file (MiB); a file that needs more is rejected. */
  PIPELINE_MEMORY_MB: z.coerce.number().int().min(32).default(1024),
  /** Indexing memory cap handed to the embedded engine (MiB). */
  MEILI_MAX_INDEXING_MEMORY_MB: z.coerce.number().int().min(64).default(Math.min(2048, Math.floor(os.totalmem() / MIB / 4))),
  /** Indexing threads for the embedded engine; defaults to the number of cores. */
  MEILI_MAX_INDEXING_THREADS: z.coerce.number().int().min(1).default(os.availableParallelism()),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  seedsDir: string;
  dataDir: string;
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  embeddedEngine: 'auto' | 'off';
  meiliShards: { name: string; url: string }[];
  indexName: string;
  adminToken: string | undefined;
  reindexCron: string;
  scheduler: 'on' | 'off';
  lease: boolean;
  leaseTtlMs: number;
  instanceId: string;
  corsOrigins: string[];
  logLevel: (typeof logLevels)[number];
  maxFileBytes: number;
  maxDeleteShare: number;
  pipelineMemoryMb: number;
  meiliMaxIndexingMemoryMb: number;
  meiliMaxIndexingThreads: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
  }
}

/** Validates an environment (process.env by default) and returns the typed configuration. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(
      `invalid configuration: ${problems.join('; ')}`,
      parsed.error.issues.map((i) => String(i.path[0])),
    );
  }
  const c = parsed.data;
  let masterKey = c.MEILI_MASTER_KEY;
  if (!masterKey && c.MEILI_MASTER_KEY_FILE) {
    try {
      masterKey = readFileSync(c.MEILI_MASTER_KEY_FILE, 'utf8').trim();
    } catch (err) {
      throw new ConfigError(`invalid configuration: MEILI_MASTER_KEY_FILE: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`, ['MEILI_MASTER_KEY_FILE']);
    }
    if (masterKey.length < 16) throw new ConfigError('invalid configuration: MEILI_MASTER_KEY_FILE: the key must be at least 16 bytes', ['MEILI_MASTER_KEY_FILE']);
  }
  if (c.EMBEDDED_ENGINE === 'off' && !c.MEILI_URL) {
    throw new ConfigError('invalid configuration: MEILI_URL: required when EMBEDDED_ENGINE=off (no embedded engine here)', ['MEILI_URL']);
  }
  if (c.MEILI_SHARDS.length > 0 && !c.MEILI_URL) {
    throw new ConfigError('invalid configuration: MEILI_URL: required with MEILI_SHARDS (the engine that fans searches out to its network)', ['MEILI_URL']);
  }
  return {
    port: c.PORT,
    host: c.HOST,
    seedsDir: path.resolve(c.SEEDS_DIR),
    dataDir: path.resolve(c.DATA_DIR),
    meiliUrl: c.MEILI_URL,
    meiliMasterKey: masterKey,
    embeddedEngine: c.EMBEDDED_ENGINE,
    meiliShards: c.MEILI_SHARDS,
    indexName: c.INDEX_NAME,
    adminToken: c.ADMIN_TOKEN,
    reindexCron: c.REINDEX_CRON,
    scheduler: c.SCHEDULER,
    lease: c.LEASE === 'on' || (c.LEASE === 'auto' && c.MEILI_URL !== undefined),
    leaseTtlMs: c.LEASE_TTL_MS,
    instanceId: c.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`,
    corsOrigins: c.CORS_ORIGINS,
    logLevel: c.LOG_LEVEL,
    maxFileBytes: c.MAX_FILE_BYTES,
    maxDeleteShare: c.MAX_DELETE_SHARE,
    pipelineMemoryMb: c.PIPELINE_MEMORY_MB,
    meiliMaxIndexingMemoryMb: c.MEILI_MAX_INDEXING_MEMORY_MB,
    meiliMaxIndexingThreads: c.MEILI_MAX_INDEXING_THREADS,
  };
}
