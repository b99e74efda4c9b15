import type { CommandDef } from '../commands.js';

/** Commands of the groups feature (see src/bot/features/groups.ts). */
export const GROUPS_COMMANDS: readonly CommandDef[] = [];
