import type { CommandDef } from '../commands.js';

/** Commands of the delivery feature (see src/bot/features/delivery.ts). */
export const DELIVERY_COMMANDS: readonly CommandDef[] = [];
