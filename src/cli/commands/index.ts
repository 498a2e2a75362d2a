import type { Command } from './command.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { runCommand } from './run.js';
import { jobCommand } from './job.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';
import { reportCommand } from './report.js';
import { sweepCommand } from './sweep.js';
import { mergeCommand } from './merge.js';

/** Every command of the CLI, in help order. */
export const COMMANDS: Command[] = [runCommand, sweepCommand, mergeCommand, jobCommand, validateCommand, schemaCommand, reportCommand, checkCommand, diffCommand];
