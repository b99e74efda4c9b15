import type { CommandDef } from '../commands.js';

/** Commands of the registration feature (see src/bot/features/registration.ts). */
export const REGISTRATION_COMMANDS: readonly CommandDef[] = [];
