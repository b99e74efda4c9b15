import type { CommandDef } from '../commands.js';

/**
 * Commands of the registration feature (see src/bot/features/registration.ts). Member self-service is open
 * to everyone (a pending or withdrawn registration has no 'member' role yet must see her data); the
 * handlers look up her own registration. Admin sub-commands are arguments of one word each, so the
 * personal menu of the manifest stays within Teams' 10 entries.
 */
export const REGISTRATION_COMMANDS: readonly CommandDef[] = [
  {
    id: 'register',
    words: ['registrarme', 'inscribirme', 'quiero registrarme'],
    title: 'registrarme',
    description: 'Registro en la Red de Coaching mientras la convocatoria está abierta.',
    roles: 'everyone',
    scopes: ['personal'],
  },
  {
    id: 'myData',
    words: ['mis datos', 'ver mis datos'],
    title: 'mis datos',
    description: 'Muestra sus datos de registro y el estado de su validación.',
    roles: 'everyone',
    scopes: ['personal'],
  },
  {
    id: 'updateMyData',
    words: ['actualizar mis datos', 'corregir mis datos'],
    title: 'actualizar mis datos',
    description: 'Corrige sus datos de registro (después del cierre, se envía como solicitud a la UTIGyND).',
    roles: 'everyone',
    scopes: ['personal'],
  },
  {
    id: 'withdraw',
    words: ['darme de baja'],
    title: 'darme de baja',
    description: 'Deja de participar en la Red: ya no recibirá avisos; su historial se conserva.',
    roles: 'everyone',
    scopes: ['personal'],
  },
  {
    id: 'eraseMyData',
    words: ['borrar mis datos', 'eliminar mis datos'],
    title: 'borrar mis datos',
    description: 'Solicitud de cancelación: borra sus datos personales y le explica qué se conserva y por qué.',
    roles: 'everyone',
    scopes: ['personal'],
  },
  {
    id: 'pending',
    words: ['pendientes'],
    title: 'pendientes',
    description: 'Registros por validar, solicitudes de cambio y vocalías repetidas en una junta.',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'call',
    words: ['convocatoria'],
    title: 'convocatoria',
    description: 'convocatoria estado | abrir | cerrar | fechas AAAA-MM-DD AAAA-MM-DD | difundir',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'edition',
    words: ['edicion', 'edición'],
    title: 'edicion',
    description: 'edicion lista | crear 2026 [nombre] | activar 2026 | etapa AAAA-MM-DD nombre | quitar-etapa nombre',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'admins',
    words: ['admin', 'administradoras'],
    title: 'admin',
    description: 'admin lista | agregar <correo> | quitar <correo>: personas administradoras de la UTIGyND.',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'catalog',
    words: ['catalogo', 'catálogo'],
    title: 'catalogo',
    description: 'Catálogo del INE de la edición activa; con un archivo .json adjunto lo reemplaza; «restablecer» vuelve al del proyecto.',
    roles: ['admin'],
    scopes: ['personal'],
  },
];
