import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvField } from './csv-writer';
import { writeRunReport, type LeaderboardRow } from './run-report';

function row(model: string, horizon: number, rank: number, mae: number): LeaderboardRow {
  return {
    model,
    horizon,
    rank,
    metrics: { mae, mse: mae * mae, rmse: mae, mape: 1, smape: 2, mase: 0.5 },
    fitSeconds: 0.1,
    runId: `${model}-${horizon}`,
  };
}

describe('writeRunReport', () => {
  it('writes the leaderboard best first per horizon, predictions and summary', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tsf-report-')), 'nested');
    const paths = await writeRunReport(dir, {
      leaderboard: [row('Naive', 24, 2, 9), row('SeasonalNaive', 12, 1, 3), row('Naive', 12, 2, 5), row('SeasonalNaive', 24, 1, 4)],
      predictions: [{ model: 'Naive', horizon: 12, uniqueId: 'a,b', ds: '1960-01-01', y: 417, yHat: 432 }],
      summary: { experiment: 'e1' },
    });
    const lines = readFileSync(paths.leaderboard, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('model,horizon,rank,mae,mse,rmse,mape,smape,mase,fit_seconds,run_id');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'SeasonalNaive,12,1',
      'Naive,12,2',
      'SeasonalNaive,24,1',
      'Naive,24,2',
    ]);
    expect(readFileSync(paths.predictions, 'utf8')).toBe('model,horizon,unique_id,ds,y,y_hat\nNaive,12,"a,b",1960-01-01,417,432\n');
    expect(JSON.parse(readFileSync(paths.summary, 'utf8'))).toEqual({ experiment: 'e1' });
    expect(lines[2]).toBe('Naive,12,2,5,25,5,1,2,0.5,0.1,Naive-12');
  });

  it('writes a metric the run did not compute as an empty field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsf-report-'));
    const paths = await writeRunReport(dir, {
      leaderboard: [{ model: 'Naive', horizon: 1, rank: 1, metrics: { mae: 2 }, fitSeconds: 0, runId: 'r' }],
      predictions: [],
      summary: {},
    });
    expect(readFileSync(paths.leaderboard, 'utf8').split('\n')[1]).toBe('Naive,1,1,2,,,,,,0,r');
  });

  it('quotes fields per RFC 4180 and writes non-finite numbers by name', () => {
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(Number.NaN)).toBe('nan');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(csvField(null)).toBe('');
  });

  it("neutralises text a spreadsheet would run as a formula with a leading ' (numbers stay numbers)", () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '=HYPERLINK("http://x","y")', 'a=b'].map(csvField)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '"\'=HYPERLINK(""http://x"",""y"")"',
      'a=b',
    ]);
    expect(csvField(-3)).toBe('-3');
  });

  it('escapes ids in every file of the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsf-report-'));
    const paths = await writeRunReport(dir, {
      leaderboard: [],
      predictions: [{ model: 'Naive', horizon: 1, uniqueId: '=cmd|calc', ds: '1960-01-01', y: -1, yHat: 2 }],
      summary: {},
    });
    expect(readFileSync(paths.predictions, 'utf8').split('\n')[1]).toBe("Naive,1,'=cmd|calc,1960-01-01,-1,2");
  });
});
