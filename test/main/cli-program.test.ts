import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/interfaces/cli/commands/index.ts';
import { buildProgram } from '../../src/main/cli.ts';

const names = (program: Awaited<ReturnType<typeof buildProgram>>) => program.commands.map((c) => c.name());

describe('the command-line program', () => {
  it('registers every command when no command is named (help, errors list them all)', async () => {
    const all = names(await buildProgram());
    expect(all).toEqual([...COMMAND_NAMES, 'serve']);
    expect(all).toEqual(
      expect.arrayContaining(['extract', 'graph', 'import', 'backlinks', 'disavow', 'toxic']),
    );
    expect(names(await buildProgram(['--help']))).toEqual(all);
    expect(names(await buildProgram(['no-such-command']))).toEqual(all);
  });

  it('loads only the command being run, under the name the table gives it', async () => {
    for (const name of [...COMMAND_NAMES, 'serve']) {
      expect(names(await buildProgram([name, '--help']))).toEqual([name]);
    }
    const disavow = (await buildProgram(['disavow'])).commands[0]!;
    expect(disavow.commands.map((c) => c.name()).sort()).toEqual(['diff', 'validate']);
  });

  it('needs no command for --version', async () => {
    expect(names(await buildProgram(['--version']))).toEqual([]);
  });
});
