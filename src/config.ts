/**
 * The only module that reads the environment. Every setting is validated once,
 * at start-up, by one zod schema; a bad value fails with the variable's name.
 */
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
  INDEX_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'only letters, digits, "-" and "_" (a Meilisearch index uid)')
    .default('articles'),
  ADMIN_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  REINDEX_CRON: z.string().default('*/1 * * * *').refine((v) => cron.validate(v), 'not a valid cron expression'),
  CORS_ORIGINS: z
    .preprocess(blankToUndefined, z.string().optional())
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  MAX_FILE_BYTES: z.coerce.number().int().positive().default(20 * MIB),
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
  indexName: string;
  adminToken: string | undefined;
  reindexCron: string;
  corsOrigins: string[];
  logLevel: (typeof logLevels)[number];
  maxFileBytes: number;
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
  return {
    port: c.PORT,
    host: c.HOST,
    seedsDir: path.resolve(c.SEEDS_DIR),
    dataDir: path.resolve(c.DATA_DIR),
    meiliUrl: c.MEILI_URL,
    meiliMasterKey: c.MEILI_MASTER_KEY,
    indexName: c.INDEX_NAME,
    adminToken: c.ADMIN_TOKEN,
    reindexCron: c.REINDEX_CRON,
    corsOrigins: c.CORS_ORIGINS,
    logLevel: c.LOG_LEVEL,
    maxFileBytes: c.MAX_FILE_BYTES,
    meiliMaxIndexingMemoryMb: c.MEILI_MAX_INDEXING_MEMORY_MB,
    meiliMaxIndexingThreads: c.MEILI_MAX_INDEXING_THREADS,
  };
}
