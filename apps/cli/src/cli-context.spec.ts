import { UsageError } from '@tsforecast/config';
import { settingsFrom } from './cli-context';

describe('settingsFrom', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses --backend cuda|webgpu without ENABLE_GPU=true (exit 2 naming ENABLE_GPU) rather than running on cpu', () => {
    delete process.env['ENABLE_GPU'];
    for (const backend of ['cuda', 'webgpu']) {
      expect(() => settingsFrom({ backend })).toThrow(UsageError);
      expect(() => settingsFrom({ backend })).toThrow(new RegExp(`^'--backend ${backend}' needs ENABLE_GPU=true .*got ENABLE_GPU=false$`));
    }
  });

  it('takes --backend cuda with ENABLE_GPU=true, and --backend cpu always', () => {
    process.env['ENABLE_GPU'] = 'true';
    expect(settingsFrom({ backend: 'cuda' }).DEFAULT_BACKEND).toBe('cuda');
    process.env['ENABLE_GPU'] = 'false';
    expect(settingsFrom({ backend: 'cpu' }).DEFAULT_BACKEND).toBe('cpu');
  });
});
