import { cmd } from '../commands.js';

/** Texts shared by several features (one copy each). */
export const SHARED_TEXTS = {
  adminOnly: `Lo sentimos, esta acción es exclusiva de la administración de la Red (UTIGyND). Escriba ${cmd('help')} para ver sus opciones.`,
  noEdition: `Todavía no hay una edición activa de la Red. Créela y actívela, por ejemplo con ${cmd('edition', 'crear', '2026')} y después ${cmd('edition', 'activar', '2026')}; luego repita este comando.`,
  personalChatOnly: 'Los archivos se entregan en el chat personal con el bot. Escríbame ahí para recibirlo.',
} as const;
