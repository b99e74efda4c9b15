import { cmd } from '../commands.js';
import { count, NOUNS } from '../../texts/spanish.js';

type SpaceKind = 'channel' | 'groupChat';

/** Spanish texts of "mi grupo" and of the group section of "mis datos" (issue 9). */
export const MY_GROUP_TEXTS = {
  noRegistration: `Aún no tiene un registro en la Red de Coaching, por lo que todavía no tiene grupo. Escriba ${cmd('register')} cuando la convocatoria esté abierta.`,
  /** Her registration is not validated: why she has no group. */
  notValidated: {
    pending: 'Su registro aún está pendiente de validación. Los grupos se integran con las integrantes validadas; se le avisará por este chat.',
    rejected: `Su registro no fue validado, por lo que no tiene grupo: los grupos se integran con las integrantes validadas. Escriba ${cmd('myData')} para conocer el motivo.`,
    withdrawn: 'Se dio de baja de la Red, por lo que ya no tiene grupo: los grupos se integran con las integrantes validadas.',
  },
  notConfirmed: 'La UTIGyND aún no confirma los grupos de la edición. Se le avisará por este chat en cuanto tenga su grupo.',
  notPlaced: 'Su registro está validado, pero aún no tiene grupo asignado. La UTIGyND se lo asignará y se le avisará por este chat.',
  /** Her group's space. */
  space: (kind: SpaceKind, name: string | undefined, group: number): string =>
    `${kind === 'channel' ? `Canal «${name ?? 'General'}»` : `Chat de grupo «${name ?? `Grupo ${group}`}»`} en Teams.`,
  noSpaceYet: 'Se le avisará en cuanto el grupo tenga su espacio en Teams.',
  openTitle: (kind: SpaceKind): string => (kind === 'channel' ? 'Abrir el canal' : 'Abrir el chat'),
  alone: 'Por ahora es la única integrante de su grupo; la UTIGyND le avisará cuando se sumen más.',
  /** The group's elected roles (issue 10). */
  roleTitle: { representante: 'Representante', secretaria: 'Secretaria' },
  vacantRole: 'sin asignar',
  /** Before the representante confirms the group's work plan. */
  noPlanYet: `El grupo aún no confirma su plan de trabajo. Cuando la representante lo confirme, lo verá aquí y con ${cmd('workPlan')}.`,
  companionsToggle: (n: number): string => `Ver u ocultar a sus compañeras (${count(n, NOUNS.integrante)})`,
} as const;
