/**
 * The rule checker: verifies any format-v1 timeline (from iesim, or exported
 * from a real service) against the lifecycle rules. Independent of the
 * simulator: it imports only src/spec and src/sim/time.
 */
export { TimelineChecker } from './checker.js';
export { checkTimelineFile, checkTimelineText } from './file.js';
export { TimelineFormatError } from './format-error.js';
export { CsvRecordReader, CsvTokenizer, readCsvFile, parseCsvText, type CsvRecord, type RecordSink } from './csv.js';
export { MAX_STORED_VIOLATIONS, resolveOptions, type CheckOptions, type CheckResult, type Violation } from './types.js';
