import type { CommandDef } from '../commands.js';

/** Commands of the admin feature (see src/bot/features/admin.ts). */
export const ADMIN_COMMANDS: readonly CommandDef[] = [];
