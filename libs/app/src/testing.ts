// Fixtures for the apps' tests (they may import only app, service and config). Not part of the runtime API.
export { createServerTestDatabase, migratedTemplate, type ServerTestDatabase } from '@tsforecast/db/testing';
