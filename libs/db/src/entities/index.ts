import { studyEntities } from './study';
import { trackingEntities, type EntityClass } from './tracking';

/** Every entity the data source knows: tracking tables, then study tables. */
export const allEntities: EntityClass[] = [...trackingEntities, ...studyEntities];

export { studyEntities, trackingEntities, type EntityClass };
