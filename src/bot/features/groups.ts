import { CardFactory, type TurnContext } from 'botbuilder';
import type { Feature, FeatureContext } from '../../features/feature.js';
import type { CommandRequest } from '../../../dialogs/mainDialog.js';
import { z } from 'zod';
import { conversationKindOf, personOf, refOf } from '../../teams/activity.js';
import { defineSubmitHandler } from '../submitRouter.js';
import { FileTransfer } from '../files.js';
import { VERBS } from '../../cards/verbs.js';
import { writeTableFile } from '../../services/rosterFile.js';
import { personKey } from '../../domain/person.js';
import type { MemberRecord } from '../../domain/member.js';
import { GROUP_ATTRIBUTES, GROUP_ATTRIBUTE_LABELS, GroupFormationError, type QualityReport } from '../../domain/groups/index.js';
import { formatDate, upcomingStages } from '../../domain/registration.js';
import { GroupSetError, GroupSetService, type GroupSetDoc, type GroupSpaceDoc } from '../../services/groupSets.js';
import { renderGroupNoticeCard, renderGroupRosterCard, renderGroupsProposalCard, type GroupMemberLine } from '../../cards/groupCards.js';
import type { Catalog } from '../../domain/catalog.js';

/**
 * The groups feature (issue 4): "grupos proponer|mover|confirmar|asignar pendientes|estado" in the personal
 * chat and "vincular grupo N" in a channel or group chat, for UTIGyND administrators (MainDialog checks the
 * role on the server before these handlers run). Notices go through the durable notifier, with broadcast ids
 * that make a re-run never notify anybody twice.
 */
const USAGE =
  'Uso: **grupos proponer** [tamaño N | grupos N] [semilla S] · **grupos mover** <correo> <grupo> · **grupos confirmar** · ' +
  '**grupos asignar pendientes** · **grupos estado** · **grupos exportar** (Excel). Para vincular el espacio de un grupo, mencione al bot en un canal estándar o chat de grupo con **vincular grupo N** (los bots no pueden publicar en canales privados).';

export function groupNoticeBroadcastId(editionId: string): string {
  return `grupos-aviso:${editionId}`;
}

export function createGroupsFeature(ctx: FeatureContext): Feature {
  const reg = ctx.services;
  const groups = ctx.services.groups;
  const files = ctx.files;

  const activeEdition = async (context: TurnContext) => {
    const edition = await reg.editions.getActive();
    if (!edition) await context.sendActivity('No hay una edición activa. Créela y actívela con **edicion crear 2026** y **edicion activar 2026**.');
    return edition;
  };

  const validated = (editionId: string) => reg.members.list(editionId, { status: 'validated' });

  const line = (m: MemberRecord, catalog: Catalog): GroupMemberLine => ({
    nombre: m.nombre,
    vocalia: catalog.data.vocalias.find((v) => v.clave === m.vocalia)?.nombre ?? m.vocalia,
    entidad: catalog.entidad(m.entidad)?.nombre ?? m.entidad,
  });

  const proposalCard = (set: GroupSetDoc, quality: QualityReport, editionId: string) => {
    const t = quality.totals;
    const card = renderGroupsProposalCard({
      title: set.state === 'confirmed' ? `Grupos confirmados · edición ${editionId}` : `Propuesta de grupos · edición ${editionId}`,
      subtitle: `${t.members} integrantes validadas en ${t.groups} grupos (semilla ${set.seed}).`,
      summary: [
        { label: 'Tamaños', value: `de ${t.minSize} a ${t.maxSize} integrantes` },
        ...GROUP_ATTRIBUTES.map((a) => ({ label: `Exceso · ${GROUP_ATTRIBUTE_LABELS[a]}`, value: String(t.excess[a]) })),
        { label: 'Integrantes de una misma junta en un grupo', value: String(t.clashes) },
      ],
      groups: quality.groups.map((g) => ({
        number: g.group,
        size: g.size,
        detail: g.values.vocalia.map((v) => `${v.value} ${v.count}`).join(', '),
      })),
      nextStep:
        set.state === 'confirmed'
          ? 'Los grupos están confirmados. Para nuevas integrantes validadas, use **grupos asignar pendientes**.'
          : 'Exceso 0 significa que cada grupo tiene la proporción de cada vocalía, ámbito, circunscripción y entidad. Ajuste con **grupos mover** o confirme con **grupos confirmar**.',
    });
    return { attachments: [CardFactory.adaptiveCard(card)] };
  };

  const audit = (request: CommandRequest, action: string, editionId: string, details: Record<string, unknown>) =>
    reg.audit.append({ actor: personKey(request.person), action, target: editionId, editionId, details });

  /** Sends each member of the given groups her 1:1 notice (once per edition and person). */
  const notifyMembers = async (context: TurnContext, editionId: string, set: GroupSetDoc, onlyIds?: ReadonlySet<string>) => {
    const edition = await reg.editions.get(editionId);
    const catalog = await reg.catalogs.forEdition(editionId).catch(() => ctx.services.defaultCatalog);
    const members = (await validated(editionId)).filter((m) => set.assignment[m._id] !== undefined && !set.removed.includes(m._id));
    const spaces = new Map((await groups.listSpaces(editionId)).map((s) => [s.group, s]));
    const byGroup = new Map<number, MemberRecord[]>();
    for (const m of members) byGroup.set(set.assignment[m._id]!, [...(byGroup.get(set.assignment[m._id]!) ?? []), m]);
    const steps = upcomingStages(edition?.calendar ?? [], ctx.clock()).map((s) => ({ date: formatDate(s.date), label: s.label }));
    const recipients = members
      .filter((m) => !onlyIds || onlyIds.has(m._id))
      .map((m) => {
        const group = set.assignment[m._id]!;
        const space = spaces.get(group);
        const card = renderGroupNoticeCard({
          group,
          name: m.nombre,
          edition: editionId,
          members: (byGroup.get(group) ?? []).map((x) => line(x, catalog)),
          space: space ? `${space.kind === 'channel' ? 'Canal' : 'Chat de grupo'} «${space.name ?? `Grupo ${group}`}» en Teams.` : 'Se le avisará en cuanto el grupo tenga su espacio en Teams.',
          steps,
          stepsNote: steps.length ? 'Las fechas están en la hora del centro de México.' : 'La UTIGyND le compartirá las fechas de las siguientes etapas.',
        });
        return { personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [card] } };
      });
    return ctx.services.notifier.notifyPeople({
      broadcastId: groupNoticeBroadcastId(editionId),
      kind: 'group-notification',
      title: `Aviso de grupos, edición ${editionId}`,
      startedBy: refOf(context.activity),
      recipients,
    });
  };

  const postRoster = async (editionId: string, space: GroupSpaceDoc, set: GroupSetDoc) => {
    const catalog = await reg.catalogs.forEdition(editionId).catch(() => ctx.services.defaultCatalog);
    const members = (await validated(editionId)).filter((m) => set.assignment[m._id] === space.group && !set.removed.includes(m._id));
    const card = renderGroupRosterCard({ group: space.group, edition: editionId, members: members.map((m) => line(m, catalog)) });
    return ctx.services.notifier.notifyConversation({
      broadcastId: `grupo-integrantes:${editionId}:${space.group}:${space.ref.conversation.id}`,
      kind: 'group-roster',
      title: `Integrantes del Grupo ${space.group}`,
      ref: space.ref,
      message: { cards: [card] },
    });
  };

  const handleGroups = async (context: TurnContext, request: CommandRequest) => {
    const edition = await activeEdition(context);
    if (!edition) return;
    const [sub = 'estado', ...rest] = request.args.trim().split(/\s+/).filter(Boolean);
    const subcommand = sub.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const actor = personKey(request.person);
    try {
      switch (subcommand) {
        case 'exportar':
          await exportGroups(context);
          return;
        case 'estado': {
          const set = await groups.get(edition._id);
          if (!set) {
            await context.sendActivity(`Aún no hay grupos para la edición ${edition._id}. ${USAGE}`);
            return;
          }
          await context.sendActivity(proposalCard(set, groups.quality(set, await validated(edition._id)), edition._id));
          return;
        }
        case 'proponer': {
          const opts = parseProposeArgs(rest);
          if ('error' in opts) {
            await context.sendActivity(`${opts.error} ${USAGE}`);
            return;
          }
          const members = await validated(edition._id);
          const { set, quality } = await groups.propose(edition._id, members, opts, actor);
          await audit(request, 'groups.propose', edition._id, { groups: set.groupCount, members: members.length, seed: set.seed, totalExcess: quality.totals.totalExcess, clashes: quality.totals.clashes });
          await context.sendActivity(proposalCard(set, quality, edition._id));
          return;
        }
        case 'mover': {
          const [correo, groupText] = rest;
          const to = Number(groupText);
          if (!correo || !groupText || !Number.isInteger(to)) {
            await context.sendActivity(`Indique el correo y el número de grupo, por ejemplo: **grupos mover ana.lopez@ine.mx 3**.`);
            return;
          }
          const r = await groups.move(edition._id, await validated(edition._id), correo, to, actor);
          await audit(request, 'groups.move', edition._id, { member: correo.toLowerCase(), from: r.from, to: r.to, worse: r.worse });
          const b = r.before.totals;
          const a = r.after.totals;
          await context.sendActivity(
            `Listo: ${correo} pasó del grupo ${r.from} al ${r.to}. Exceso total ${b.totalExcess} → ${a.totalExcess}; integrantes de una misma junta juntas ${b.clashes} → ${a.clashes}.` +
              (r.worse ? ' **Atención: el equilibrio de los grupos empeoró con este cambio.**' : ''),
          );
          return;
        }
        case 'confirmar': {
          const confirmed = await groups.confirm(edition._id, actor);
          const set = confirmed ?? (await groups.get(edition._id));
          if (!set) return;
          if (confirmed) await audit(request, 'groups.confirm', edition._id, { groups: set.groupCount, members: Object.keys(set.assignment).length });
          const notice = await notifyMembers(context, edition._id, set);
          let rosters = 0;
          for (const space of await groups.listSpaces(edition._id)) {
            rosters += (await postRoster(edition._id, space, set)).enqueued;
          }
          await context.sendActivity(
            `${confirmed ? 'Grupos confirmados.' : 'Los grupos ya estaban confirmados.'} Avisos individuales en cola: ${notice.enqueued} nuevos, ${notice.alreadyQueued} ya enviados o en cola, ` +
              `${notice.waitingInstall} en espera de que instalen la aplicación. Listas publicadas en espacios de grupo: ${rosters}. Le avisaré cuando termine el envío; consulte **envios estado**.`,
          );
          return;
        }
        case 'asignar': {
          if ((rest[0] ?? '').toLowerCase() !== 'pendientes') {
            await context.sendActivity(USAGE);
            return;
          }
          const { placed, removed, set } = await groups.assignPending(edition._id, await validated(edition._id), actor);
          await audit(request, 'groups.assignPending', edition._id, { placed: placed.size, removed: removed.length });
          if (placed.size > 0) await notifyMembers(context, edition._id, set, new Set(placed.keys()));
          await context.sendActivity(
            placed.size === 0 && removed.length === 0
              ? 'No hay integrantes pendientes de asignar: todas las integrantes validadas ya tienen grupo.'
              : `Asigné ${placed.size} integrante(s) nueva(s) sin mover a nadie (${[...placed.values()].map((g) => `grupo ${g}`).join(', ') || 'ninguna'}) y retiré ${removed.length} que ya no están validadas. Las nuevas recibirán su aviso.`,
          );
          return;
        }
        default:
          await context.sendActivity(USAGE);
      }
    } catch (err) {
      if (err instanceof GroupSetError || err instanceof GroupFormationError) {
        await context.sendActivity(err.message);
        return;
      }
      throw err;
    }
  };

  /** The groups as an Excel file, offered through the Teams file consent flow (admin re-checked here). */
  const exportGroups = async (context: TurnContext) => {
    if (!(await ctx.services.roles.isAdmin(personOf(context.activity)))) {
      await context.sendActivity('Lo sentimos, esta acción es solo para el personal administrador de la UTIGyND.');
      return;
    }
    const edition = await activeEdition(context);
    if (!edition) return;
    const set = await groups.get(edition._id);
    if (!set) {
      await context.sendActivity('Aún no hay grupos que exportar. Use **grupos proponer**.');
      return;
    }
    const catalog = await reg.catalogs.forEdition(edition._id).catch(() => ctx.services.defaultCatalog);
    const rows = (await validated(edition._id))
      .filter((m) => set.assignment[m._id] !== undefined && !set.removed.includes(m._id))
      .map((m) => ({ m, group: set.assignment[m._id]!, l: line(m, catalog) }))
      .sort((a, b) => a.group - b.group || a.m.nombre.localeCompare(b.m.nombre, 'es'))
      .map(({ m, group, l }) => [group, m.nombre, m.correo, l.vocalia, m.ambito === 'JLE' ? 'Junta Local Ejecutiva' : 'Junta Distrital Ejecutiva', l.entidad, m.distrito ?? '']);
    const data = await writeTableFile('xlsx', ['grupo', 'nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'], rows, { sheetName: `Grupos ${edition._id}` });
    await files.offer(context, {
      name: `grupos-${edition._id}${set.state === 'confirmed' ? '' : '-propuesta'}.xlsx`,
      data,
      description: `Grupos de la Red de Coaching, edición ${edition._id} (${set.state === 'confirmed' ? 'confirmados' : 'propuesta'}).`,
    });
  };

  const handleLink = async (context: TurnContext, request: CommandRequest) => {
    const edition = await activeEdition(context);
    if (!edition) return;
    const group = Number(request.args.trim());
    const set = await groups.get(edition._id);
    if (!set) {
      await context.sendActivity('Primero forme los grupos con **grupos proponer** en el chat personal con el bot.');
      return;
    }
    if (!Number.isInteger(group) || group < 1 || group > set.groupCount) {
      await context.sendActivity(`Indique el número de grupo (de 1 a ${set.groupCount}), por ejemplo: **vincular grupo 3**.`);
      return;
    }
    const kind = conversationKindOf(context.activity) === 'channel' ? 'channel' : 'groupChat';
    const ref = refOf(context.activity);
    // A channel is linked as itself (new posts start new threads), not as the thread of this message.
    const channelId = ref.channelIdInTeam ?? ref.conversation.id.split(';')[0]!;
    const spaceRef = kind === 'channel' ? { ...ref, conversation: { ...ref.conversation, id: channelId } } : ref;
    const space = await groups.linkSpace(edition._id, group, { kind, ...(ref.conversation.name ? { name: ref.conversation.name } : {}), ref: spaceRef }, personKey(request.person));
    await audit(request, 'groups.link', edition._id, { group, kind, conversationId: spaceRef.conversation.id });
    await context.sendActivity(`Este ${kind === 'channel' ? 'canal' : 'chat'} quedó vinculado con el Grupo ${group} de la edición ${edition._id}.`);
    if (set.state === 'confirmed') await postRoster(edition._id, space, set);
  };

  return {
    name: 'groups',
    init: async () => {
      await groups.init();
      await files.init();
    },
    submitHandlers: [defineSubmitHandler({ verb: VERBS.exportGroups, schema: z.object({ verb: z.literal(VERBS.exportGroups) }), handle: (context) => exportGroups(context) })],
    routes: [
      { commandId: 'groups', handle: handleGroups },
      { commandId: 'linkGroup', handle: handleLink },
    ],
  };
}

/** "tamaño 30", "grupos 12", "semilla 7" in any order. */
export function parseProposeArgs(args: readonly string[]): { size?: number; groups?: number; seed?: number } | { error: string } {
  const out: { size?: number; groups?: number; seed?: number } = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = (args[i] ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const field = ({ tamano: 'size', grupos: 'groups', semilla: 'seed' } as const)[key as 'tamano' | 'grupos' | 'semilla'];
    if (!field) return { error: `No reconozco la opción «${args[i] ?? ''}».` };
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 1 || value > 100_000) return { error: `El valor de «${args[i] ?? ''}» debe ser un número entero positivo.` };
    out[field] = value;
  }
  return out;
}
