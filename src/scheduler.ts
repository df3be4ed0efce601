/**
 * The re-indexing schedule: node-cron runs an incremental sync on REINDEX_CRON.
 * A tick that finds a run under way is skipped (the Reindexer answers busy, or held when another
 * instance holds the indexing lease: its run covers the same seeds).
 * On the same schedule every gateway checks whether the index changed under it (another
 * instance's run, the CLI) and reads its suggestions again if so.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from './runtime/logger.js';
import type { SearchEngine } from './engine/ports.js';
import type { SuggestionIndex } from './gateway/suggest.js';
import type { Reindexer } from './reindexer.js';

export interface Scheduler {
  nextRun(): Date | null;
  stop(): Promise<void>;
}

/**
 * node-cron's own lines through the service's logger (its default prints coloured text to the
 * console, which breaks a log of JSON lines). A tick skipped because the last run still goes is
 * how a schedule shorter than a run behaves: debug, as the Reindexer's own 'busy'.
 */
export function cronLogger(logger: Logger, task: string): CronLogger {
  const log = logger.child({ cron: task });
  const split = (m: string | Error, err?: Error): [object, string] =>
    m instanceof Error ? [{ err: m }, 'scheduled task failed'] : [err ? { err } : {}, m];
  return {
    info: (m) => log.info(m),
    warn: (m) => (/still running|overlap/i.test(m) ? log.debug('scheduled tick skipped: the last one is still running') : log.warn(m)),
    error: (m, err) => log.error(...split(m, err)),
    debug: (m, err) => log.debug(...split(m, err)),
  };
}

export function startScheduler(expression: string, reindexer: Reindexer, logger: Logger): Scheduler {
  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      const outcome = await reindexer.run();
      if (outcome.status === 'busy') logger.debug('scheduled run skipped: a run is under way');
      if (outcome.status === 'held') logger.debug({ holder: outcome.holder }, 'scheduled run skipped: another instance holds the indexing lease');
    },
    { name: 'reindex', noOverlap: true, logger: cronLogger(logger, 'reindex') },
  );
  return {
    nextRun: () => task.getNextRun(),
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}

/**
 * Checks the index's stamp on `expression` and reads the suggestions again when it moved. Skipped
 * while this process runs an indexing run: the run reads them when it ends.
 */
export function followIndex(
  expression: string,
  follow: { suggestions: SuggestionIndex; engine: SearchEngine; indexName: string; reindexer?: Reindexer },
  logger: Logger,
): Pick<Scheduler, 'stop'> {
  const { suggestions, engine, indexName, reindexer } = follow;
  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      if (reindexer?.running) return;
      try {
        if (await suggestions.follow(engine, indexName)) logger.info({ entries: suggestions.size, cause: 'the index changed' }, 'suggestions rebuilt');
      } catch (err) {
        logger.warn({ err }, 'could not check the index for changes; suggestions are kept as they are');
      }
    },
    { name: 'follow-index', noOverlap: true, logger: cronLogger(logger, 'follow-index') },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}
