// Fixtures for the apps' tests (they may import only app, service and config). Not part of the runtime API.
export { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/db/testing';
