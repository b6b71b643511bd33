import { ContainerModule } from 'inversify';
import { Database } from './data-source/database';
import { TrackingStore } from './tracking/tracking-store';
import { TypeOrmTrackingStore } from './tracking/typeorm-tracking-store';
import { ModelStageStore } from './registry/model-stage-store';
import { TypeOrmModelStageStore } from './registry/typeorm-model-stage-store';
import { StudyStore } from './studies/study-store';
import { TypeOrmStudyStore } from './studies/typeorm-study-store';
import { RunLeaseStore } from './execution/run-lease-store';
import { TypeOrmRunLeaseStore } from './execution/typeorm-run-lease-store';
import { ResourceStatsStore } from './execution/resource-stats-store';
import { TypeOrmResourceStatsStore } from './execution/typeorm-resource-stats-store';
import { TrainingJobStore } from './jobs/training-job-store';
import { TypeOrmTrainingJobStore } from './jobs/typeorm-training-job-store';
import { DatasetLookup } from './datasets/dataset-lookup';
import { PredictionLogStore } from './tracking/prediction-log-store';
import { TypeOrmPredictionLogStore } from './tracking/typeorm-prediction-log-store';
import { TypeOrmDatasetLookup } from './datasets/typeorm-dataset-lookup';

/**
 * Binds an already opened {@link Database} and the stores over it (tracking, studies).
 * Opening is async (server start, migrations), so the app opens the database
 * first and then loads this module; whoever opened it closes it.
 *
 * @example
 * const database = await openDatabase(settings, logger);
 * await container.load(dbModule(database));
 * const store = container.get<TrackingStore>(TrackingStore);
 */
export function dbModule(database: Database): ContainerModule {
  return new ContainerModule((options) => {
    options.bind<Database>(Database).toConstantValue(database);
    options.bind<TrackingStore>(TrackingStore).to(TypeOrmTrackingStore).inSingletonScope();
    options.bind<ModelStageStore>(ModelStageStore).to(TypeOrmModelStageStore).inSingletonScope();
    options.bind<StudyStore>(StudyStore).to(TypeOrmStudyStore).inSingletonScope();
    options.bind<RunLeaseStore>(RunLeaseStore).to(TypeOrmRunLeaseStore).inSingletonScope();
    options.bind<ResourceStatsStore>(ResourceStatsStore).to(TypeOrmResourceStatsStore).inSingletonScope();
    options.bind<TrainingJobStore>(TrainingJobStore).to(TypeOrmTrainingJobStore).inSingletonScope();
    options.bind<DatasetLookup>(DatasetLookup).to(TypeOrmDatasetLookup).inSingletonScope();
    options.bind<PredictionLogStore>(PredictionLogStore).to(TypeOrmPredictionLogStore).inSingletonScope();
  });
}
