import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Runs one SQL statement on the scenario's database. */
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * What the kills left behind, counted from the database and the model
 * directory, each a check the bar names: jobs completed (the job's
 * output says its run completed), jobs with exactly one completed run (and
 * with more), runs left `running`, model versions per completed run (max; 1
 * for real models, 0 for the fixture's), partial files (`*.partial*`, `*.tmp*`,
 * dot files) and orphan model directories (folders of `modelDir` that no model
 * version's artifact path is in).
 */
export async function countLeftovers(query: Query, jobIds: readonly string[], modelDir: string) {
  const [{ n: jobsCompleted }] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM pgboss.job WHERE id = ANY($1) AND state = 'completed' AND output->>'status' = 'completed'`,
    [jobIds],
  );
  const completedRuns = await query<{ job_id: string; n: string }>(
    `SELECT h.job_id, count(*) AS n FROM run_heartbeats h JOIN runs r ON r.id = h.run_id
     WHERE r.status = 'completed' AND h.job_id = ANY($1) GROUP BY h.job_id`,
    [jobIds],
  );
  const [{ n: running }] = await query<{ n: string }>(`SELECT count(*) AS n FROM runs WHERE status = 'running'`);
  const [{ n: lost }] = await query<{ n: string }>(`SELECT count(*) AS n FROM runs WHERE error_message LIKE 'worker lost%'`);
  const [{ n: failed }] = await query<{ n: string }>(`SELECT count(*) AS n FROM runs WHERE status = 'failed'`);
  const [{ n: attempts }] = await query<{ n: string }>(`SELECT count(*) AS n FROM run_heartbeats`);
  const [{ n: reused }] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM pgboss.job WHERE id = ANY($1) AND (output->>'reused')::boolean`,
    [jobIds],
  );
  const versions = await query<{ n: string }>(`SELECT count(*) AS n FROM models GROUP BY run_id`);
  const paths = (await query<{ artifact_path: string }>(`SELECT artifact_path FROM models`)).map((row) => resolve(row.artifact_path));
  const files = listFiles(modelDir);
  const dirs = readdirSync(modelDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return {
    jobs_completed: Number(jobsCompleted),
    jobs_completed_once: completedRuns.filter((row) => Number(row.n) === 1).length,
    jobs_completed_twice_or_more: completedRuns.filter((row) => Number(row.n) > 1).length,
    runs_left_running: Number(running),
    runs_failed: Number(failed),
    runs_failed_worker_lost: Number(lost),
    attempts: Number(attempts),
    jobs_completed_by_reaper_or_retry_without_rerun: Number(reused),
    model_versions: paths.length,
    model_versions_per_completed_run_max: versions.reduce((max, row) => Math.max(max, Number(row.n)), 0),
    partial_files: files.filter((file) => /\.(tmp|partial)|(^|\/)\.[^/]*$/.test(file)).length,
    orphan_model_dirs: dirs.filter(
      (dir) => !paths.some((path) => path === join(modelDir, dir.name) || path.startsWith(join(modelDir, dir.name) + '/')),
    ).length,
  };
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
