/** Every CLI command, registered in one place. Each command lives in its own file. */
import type { Command } from 'commander';
import type { PageReader } from '../../../core/extract/page-reader.ts';
import { registerExtract } from './extract.ts';
import { registerGraphRank } from './graph-rank.ts';

/** The adapters the commands need, chosen by the composition root (src/main). */
export interface CliDeps {
  pageReader: () => PageReader;
}

export function registerCommands(program: Command, deps: CliDeps): void {
  registerExtract(program, deps.pageReader);
  registerGraphRank(program);
}
