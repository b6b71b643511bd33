import type { JobQueue } from '@tsforecast/execution';

/**
 * Cancels the running `trial` jobs of the given `train-run` jobs (their
 * payload's `trainRunJobId`): the worker running each stops its trial at the
 * next training step, within a heartbeat, and the trial's run ends
 * `cancelled`. Call it after cancelling the `train-run` jobs: a trial job
 * claimed later finds its `train-run` job cancelled and starts no trial (see
 * `TrialJobRunner`), so none slips between the two. Returns the ids it cancelled.
 *
 * @example
 * for (const id of trainRunIds) await queue.cancel('train-run', id);
 * await cancelTrialJobsOf(queue, trainRunIds);
 */
export async function cancelTrialJobsOf(queue: JobQueue, trainRunJobIds: readonly string[]): Promise<string[]> {
  const owners = new Set(trainRunJobIds);
  const active = await queue.active('trial');
  if (active.length === 0) return [];
  const statuses = await queue.status(
    'trial',
    active.map((job) => job.id),
  );
  const ofThem = statuses.filter((status) => status !== null && owners.has(status.payload.trainRunJobId));
  for (const status of ofThem) await queue.cancel('trial', status!.id);
  return ofThem.map((status) => status!.id);
}
