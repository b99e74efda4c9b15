export * from './cases.js';
export * from './workingDays.js';
