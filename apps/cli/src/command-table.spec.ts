import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { COMMANDS } from './command-table';

// Every module under commands/ (not specs), as `jest.doMock` names it from here.
const commandModules = readdirSync(join(__dirname, 'commands'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
  .map((file) => `./commands/${file.replace(/\.ts$/, '')}`);

/** main.ts with every command module replaced by one that fails when loaded, except `allowed`. */
async function mainLoadingOnly(allowed: Record<string, unknown> = {}): Promise<typeof import('./main')> {
  jest.resetModules();
  for (const path of commandModules) {
    jest.doMock(path, () => {
      if (path in allowed) return allowed[path];
      throw new Error(`${path} was loaded`);
    });
  }
  return import('./main');
}

describe('command table', () => {
  afterEach(() => {
    for (const path of commandModules) jest.dontMock(path);
    jest.resetModules();
  });

  it('lists every command that the command modules define, under the name each module gives it', async () => {
    const defined = new Command();
    // experiments and runs share one module: each register function runs once.
    const registers = new Set(await Promise.all(COMMANDS.map((e) => e.load())));
    for (const register of registers) register(defined, () => ({}));
    expect(defined.commands.map((c) => c.name()).sort()).toEqual(COMMANDS.map((e) => e.name).sort());
    for (const entry of COMMANDS) {
      const program = new Command();
      (await entry.load())(program, () => ({}));
      expect(program.commands.map((c) => c.name())).toContain(entry.name);
    }
  });

  it('builds --help from the summaries alone, loading no command module', async () => {
    const { buildProgram } = await mainLoadingOnly();
    const program = await buildProgram(['node', 'tsforecast', '--help']);
    expect(program.commands.map((c) => [c.name(), c.summary()])).toEqual(COMMANDS.map((e) => [e.name, e.summary]));
    const bare = await buildProgram(['node', 'tsforecast']);
    expect(bare.commands).toHaveLength(COMMANDS.length);
  });

  it('loads only the named command, past global options and their values', async () => {
    const registerTrackingCommands = (program: Command) => {
      program.command('experiments');
      program.command('runs').command('list');
    };
    const { buildProgram } = await mainLoadingOnly({ './commands/tracking-commands': { registerTrackingCommands } });
    const program = await buildProgram(['node', 'tsforecast', '--log-level', 'warn', '--data-dir=/tmp/x', 'runs', 'list', '--limit', '3']);
    expect(program.commands.find((c) => c.name() === 'runs')!.commands.map((c) => c.name())).toEqual(['list']);
    expect(program.commands.map((c) => c.name()).sort()).toEqual(COMMANDS.map((e) => e.name).sort());
  });

  it('loads the command that `help <command>` names', async () => {
    const registerTrainCommand = (program: Command) => void program.command('train').option('--data <csv>');
    const { buildProgram } = await mainLoadingOnly({ './commands/train-command': { registerTrainCommand } });
    const program = await buildProgram(['node', 'tsforecast', 'help', 'train']);
    expect(program.commands.find((c) => c.name() === 'train')!.options.map((o) => o.long)).toEqual(['--data']);
  });
});
