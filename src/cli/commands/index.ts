import type { Command } from './command.js';

/** Every command of the CLI, in help order. */
export const COMMANDS: Command[] = [];
