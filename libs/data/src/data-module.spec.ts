import { Container } from 'inversify';
import { dataModule } from './data-module';
import { CsvSeriesReader } from './reader/csv-series-reader';
import { SeriesReader } from './reader/series-reader';

describe('dataModule', () => {
  it('binds SeriesReader to the CSV reader', () => {
    const container = new Container();
    container.loadSync(dataModule);
    expect(container.get<SeriesReader>(SeriesReader)).toBeInstanceOf(CsvSeriesReader);
  });
});
