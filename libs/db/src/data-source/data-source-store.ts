import { inject, injectable } from 'inversify';
import type { DataSource } from 'typeorm';
import { Database } from './database';

/**
 * Base of the TypeORM stores: each queries the one DataSource of the injected
 * {@link Database}. A subclass declares `@injectable()` and
 * `@injectFromBase()` (Inversify 7 does not inherit constructor injection
 * otherwise) and may still be built by hand with `new Store(database)`.
 *
 * @example
 * @injectable()
 * @injectFromBase()
 * export class TypeOrmStudyStore extends DataSourceStore implements StudyStore { … }
 * @internal
 */
@injectable()
export abstract class DataSourceStore {
  protected readonly dataSource: DataSource;

  constructor(@inject(Database) database: Database) {
    this.dataSource = database.dataSource;
  }
}
