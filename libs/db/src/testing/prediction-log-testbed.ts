import { Container } from 'inversify';
import { dbModule } from '../db-module';
import { PredictionLogStore } from '../tracking/prediction-log-store';
import { TrackingStore } from '../tracking/tracking-store';
import { openTestDatabase, type TestDatabase } from './test-database';
import { registerTestModelVersion, type TestModelVersion } from './test-model-version';

/** A {@link PredictionLogStore} on a test database of its own, with a model version whose forecasts it can log. */
export interface PredictionLogTestbed {
  /** Close it after the tests (it drops the database). */
  readonly database: TestDatabase;
  /** As the db module binds it for the app. */
  readonly store: PredictionLogStore;
  /** The version's training run: the `run_id` of its served rows. */
  readonly runId: string;
  /** The version: the `model_id` of its served rows. */
  readonly modelId: string;
}

/**
 * Opens a {@link PredictionLogTestbed}: {@link openTestDatabase} with `version`
 * registered by a completed run ({@link registerTestModelVersion}); for the
 * specs of the store and of the serving path's log that feeds it.
 *
 * @example
 * const { database, store, runId, modelId } = await openPredictionLogTestbed({ experiment: 'log', name: 'NHITS' });
 */
export async function openPredictionLogTestbed(version: TestModelVersion): Promise<PredictionLogTestbed> {
  const database = await openTestDatabase();
  try {
    const container = new Container();
    container.loadSync(dbModule(database));
    const { runId, modelId } = await registerTestModelVersion(container.get<TrackingStore>(TrackingStore), version);
    return { database, store: container.get<PredictionLogStore>(PredictionLogStore), runId, modelId };
  } catch (error) {
    await database.close();
    throw error;
  }
}
