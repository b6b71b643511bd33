import type { JobQueue } from '@tsforecast/execution';
import type { StudyStorage } from '@tsforecast/hyperparameter';

/** The `trial` jobs a request enqueued on one study, and the study's budget. */
export interface StudyTrialJobs {
  study: string;
  budget: number;
  jobIds: string[];
}

/**
 * Cancels a study's waiting `trial` jobs once they can no longer run a trial:
 * when the study has `budget` trials that did not fail (running ones included),
 * or when `done` is true (the `train-run` jobs ended). Otherwise a worker would
 * start a process for each only to find the budget used. Polls every `pollMs`
 * until `done()`; then cancels what is still waiting.
 *
 * @example
 * let ended = false;
 * const watching = cancelLeftoverTrialJobs(queue, storage, groups, () => ended);
 * await waitForJobs(...); ended = true; await watching;
 */
export async function cancelLeftoverTrialJobs(
  queue: JobQueue,
  storage: StudyStorage,
  groups: readonly StudyTrialJobs[],
  done: () => boolean,
  pollMs = 1000,
): Promise<void> {
  const open = new Set(groups);
  while (open.size > 0) {
    const finished = done();
    for (const group of [...open]) {
      if (finished || (await budgetUsed(storage, group))) {
        await cancelWaiting(queue, group.jobIds);
        open.delete(group);
      }
    }
    if (finished) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function budgetUsed(storage: StudyStorage, group: StudyTrialJobs): Promise<boolean> {
  const study = await storage.findStudy(group.study);
  if (study === undefined) return false;
  return (await storage.listTrials(study.id)).filter((t) => t.state !== 'failed').length >= group.budget;
}

async function cancelWaiting(queue: JobQueue, ids: readonly string[]): Promise<void> {
  for (const status of await queue.status('trial', ids))
    if (status && (status.state === 'created' || status.state === 'retry')) await queue.cancel('trial', status.id);
}
