import { ContainerModule } from 'inversify';
import { CsvSeriesReader } from './reader/csv-series-reader';
import { SeriesReader } from './reader/series-reader';

/**
 * Binds the data ports: {@link SeriesReader} → the streaming CSV reader.
 *
 * @example
 * const container = new Container();
 * container.loadSync(dataModule);
 * const reader = container.get<SeriesReader>(SeriesReader);
 */
export const dataModule = new ContainerModule((options) => {
  options.bind<SeriesReader>(SeriesReader).to(CsvSeriesReader).inSingletonScope();
});
