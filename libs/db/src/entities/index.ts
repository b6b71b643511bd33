import { executionEntities } from './execution';
import { jobEntities } from './jobs';
import { studyEntities } from './study';
import { trackingEntities, type EntityClass } from './tracking';

/** Every entity the data source knows: tracking tables, then study tables, run execution tables, API training jobs. */
export const allEntities: EntityClass[] = [...trackingEntities, ...studyEntities, ...executionEntities, ...jobEntities];

export { executionEntities, jobEntities, studyEntities, trackingEntities, type EntityClass };
