import type { CommandDef } from '../../domain/commands.js';

/** Member self-service: registration, her data and her ARCO rights. Open to everyone (a pending or withdrawn
 * registration has no 'member' role yet must see her data); the handlers only ever read her own records. */
export const REGISTRATION_COMMANDS = [
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
    id: 'myGroup',
    words: ['mi grupo', 'ver mi grupo'],
    title: 'mi grupo',
    description: 'Muestra su grupo de la Red, sus compañeras y el enlace al espacio del grupo en Teams.',
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
    id: 'exportMyData',
    words: ['exportar mis datos', 'descargar mis datos'],
    title: 'exportar mis datos',
    description: 'Envía en un archivo de Excel todos los datos que la Red guarda sobre usted (derecho de acceso).',
    roles: 'everyone',
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
