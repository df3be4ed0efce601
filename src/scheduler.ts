/**
 * The re-indexing schedule: node-cron runs an incremental sync on REINDEX_CRON.
 * A tick that finds a run under way is skipped (the Reindexer answers busy, or held when another
 * instance holds the indexing lease: its run covers the same seeds).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.js';
import type { Reindexer } from './reindexer.js';

export interface Scheduler {
  nextRun(): Date | null;
  stop(): Promise<void>;
}

export function startScheduler(expression: string, reindexer: Reindexer, logger: Logger): Scheduler {
  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      const outcome = await reindexer.run();
      if (outcome.status === 'busy') logger.debug('scheduled run skipped: a run is under way');
      if (outcome.status === 'held') logger.debug({ holder: outcome.holder }, 'scheduled run skipped: another instance holds the indexing lease');
    },
    { name: 'reindex', noOverlap: true },
  );
  return {
    nextRun: () => task.getNextRun(),
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}
