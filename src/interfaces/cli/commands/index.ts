/** Every CLI command, registered in one place. Each command lives in its own file. */
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
