/**
 * Group sessions (issue 11): the session model and the validation of what the scheduler types (model.ts), the
 * reminder plan (reminders.ts), RSVP and attendance counts, minutes and the edition's status per group
 * (counts.ts). Pure domain code: no I/O, no botbuilder. Service: src/services/sessions/.
 */
export * from './model.js';
export * from './reminders.js';
export * from './counts.js';
