/** The spec as data: states, transitions, rules, timeline format. Shared by simulator, checker, docs and charts. */
export * from './states.js';
export * from './rules.js';
export * from './transitions.js';
export * from './timeline.js';
export * from './timers.js';
