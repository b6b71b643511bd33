import { injectable, injectFromBase } from 'inversify';
import { NotFoundError } from '@tsforecast/config';
import { DataSourceStore } from '../data-source/data-source-store';
import { Dataset } from '../entities/tracking/dataset';
import { isUuid } from '../tracking/database-errors';
import type { DatasetLookup } from './dataset-lookup';

/** {@link DatasetLookup} on the tracking database. */
@injectable()
@injectFromBase()
export class TypeOrmDatasetLookup extends DataSourceStore implements DatasetLookup {
  async get(id: string): Promise<Dataset> {
    const dataset = isUuid(id) ? await this.dataSource.getRepository(Dataset).findOneBy({ id }) : null;
    if (dataset === null) throw new NotFoundError(`dataset '${id}' not found`);
    return dataset;
  }

  list(limit = 100): Promise<Dataset[]> {
    return this.dataSource.getRepository(Dataset).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
