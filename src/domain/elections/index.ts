export * from './types.js';
export * from './candidacies.js';
export * from './tally.js';
export * from './draw.js';
export * from './election.js';
