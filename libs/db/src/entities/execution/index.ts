import type { EntityClass } from '../tracking';
import { ResourceStats } from './resource-stats';
import { RunHeartbeat } from './run-heartbeat';

/** Entities of run execution by queue workers (tables created by `migrations/*-run-execution.ts`). */
export const executionEntities: EntityClass[] = [RunHeartbeat, ResourceStats];

export { ResourceStats, RunHeartbeat };
