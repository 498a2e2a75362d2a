/** The simulation kernel: generic discrete-event machinery, nothing about Import/Export. */
export * from './time.js';
export * from './event-queue.js';
export * from './simulation.js';
export * from './random.js';
export * from './distributions.js';
export * from './special.js';
export * from './quantile-sketch.js';
export * from './statistics.js';
export * from './confidence.js';
export * from './resource.js';
export * from './calendar.js';
