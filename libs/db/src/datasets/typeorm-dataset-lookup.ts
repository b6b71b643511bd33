import { inject, injectable } from 'inversify';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '@tsforecast/config';
import { Database } from '../data-source/database';
import { Dataset } from '../entities/tracking/dataset';
import { isUuid } from '../tracking/database-errors';
import type { DatasetLookup } from './dataset-lookup';

/** {@link DatasetLookup} on the tracking database. */
@injectable()
export class TypeOrmDatasetLookup implements DatasetLookup {
  private readonly dataSource: DataSource;

  constructor(@inject(Database) database: Database) {
    this.dataSource = database.dataSource;
  }

  async get(id: string): Promise<Dataset> {
    const dataset = isUuid(id) ? await this.dataSource.getRepository(Dataset).findOneBy({ id }) : null;
    if (dataset === null) throw new NotFoundError(`dataset '${id}' not found`);
    return dataset;
  }

  list(limit = 100): Promise<Dataset[]> {
    return this.dataSource.getRepository(Dataset).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
