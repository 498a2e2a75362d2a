import type { Command } from './command.js';
import { runCommand } from './run.js';

/** Every command of the CLI, in help order. */
export const COMMANDS: Command[] = [runCommand];
