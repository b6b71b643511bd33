import { executionEntities } from './execution';
import { studyEntities } from './study';
import { trackingEntities, type EntityClass } from './tracking';

/** Every entity the data source knows: tracking tables, then study tables, then run execution tables. */
export const allEntities: EntityClass[] = [...trackingEntities, ...studyEntities, ...executionEntities];

export { executionEntities, studyEntities, trackingEntities, type EntityClass };
