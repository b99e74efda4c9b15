import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { FeatureContext } from '../../features/feature.js';
import type { CommandRequest, CommandRoute } from '../../../dialogs/mainDialog.js';
import { defineSubmitHandler, type SubmitHandler } from '../submitRouter.js';
import { personOf, refOf } from '../../teams/activity.js';
import { downloadIncomingFile, incomingFileOf } from '../files.js';
import { VERBS } from '../../cards/verbs.js';
import { calendarItems, profileFacts, renderInvitationCard, renderPendingQueueCard, type ChangeItem, type PendingItem } from '../../cards/registrationCards.js';
import { personKey } from '../../domain/person.js';
import type { Catalog } from '../../domain/catalog.js';
import { MEMBER_STATUS_LABELS, PENDING_REASON_LABELS, type MemberRecord } from '../../domain/member.js';
import { isPlausibleEmail } from '../../domain/roster.js';
import {
  describeCall,
  describePosition,
  endOfDay,
  FIELD_LABELS,
  findJuntaConflicts,
  formatDate,
  formatDateTime,
  parseCalendarDate,
  profileOf,
  startOfDay,
  upcomingStages,
} from '../../domain/registration.js';
import type { ConversationDoc } from '../../services/conversations.js';
import {
  AdminError,
  AUDIT_ACTIONS,
  ChangeRequestError,
  EditionError,
  isEntraObjectId,
  RegistrationError,
  type ChangeRequest,
  type Edition,
  type RegistrationServices,
} from '../../services/registration/index.js';

/**
 * UTIGyND commands of the registration feature: "edicion", "convocatoria", "pendientes", "admin", and the
 * buttons of the pending queue. MainDialog refuses typed commands to non-admins (and audits it through
 * onDenied); card buttons come straight to these handlers, so every one checks the admin role again on the
 * server and audits a refusal.
 */
export const QUEUE_LIMIT = 10;
const ADMIN_ONLY = 'Lo sentimos, esta acción es exclusiva de la administración de la Red (UTIGyND). Escriba **ayuda** para ver sus opciones.';
const NO_EDITION = 'Todavía no hay una edición activa. Créela y actívela con **edicion crear 2026** y **edicion activar 2026**.';

export function createRegistrationAdmin(ctx: FeatureContext, s: RegistrationServices): { routes: CommandRoute[]; submitHandlers: SubmitHandler[] } {
  const log = ctx.logger.child({ component: 'registrationAdmin' });
  const actorOf = (context: TurnContext): string => personKey(personOf(context.activity));

  /** Re-checks the admin role on the server; refuses and audits otherwise. */
  const ensureAdmin = async (context: TurnContext, what: string): Promise<boolean> => {
    const person = personOf(context.activity);
    if (await ctx.services.roles.isAdmin(person)) return true;
    log.warn({ what, userId: person.userId }, 'admin action refused');
    await s.audit.append({ actor: personKey(person), action: AUDIT_ACTIONS.denied, target: what });
    await context.sendActivity(ADMIN_ONLY);
    return false;
  };

  const admin =
    (what: string, fn: (context: TurnContext, request: CommandRequest) => Promise<void>) =>
    async (context: TurnContext, request: CommandRequest): Promise<void> => {
      if (!(await ensureAdmin(context, what))) return;
      // Who ran which admin command and when (only the sub-command word: arguments may hold emails).
      const sub = request.args.split(/\s+/)[0]?.toLowerCase().slice(0, 20) ?? '';
      await s.audit.append({ actor: actorOf(context), action: AUDIT_ACTIONS.commandRun, target: what, details: { sub } });
      await fn(context, request);
    };

  // --- edicion ---------------------------------------------------------------------------------------

  const edition = async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const [sub = 'lista', ...rest] = request.args.split(/\s+/).filter(Boolean);
    const actor = actorOf(context);
    try {
      switch (sub.toLowerCase()) {
        case 'lista': {
          const all = await s.editions.list();
          if (all.length === 0) return void (await context.sendActivity(`No hay ediciones. ${NO_EDITION}`));
          const lines = all.map((e) => `- **${e._id}** — ${e.nombre}${e.active ? ' (activa)' : ''}`);
          return void (await context.sendActivity(`Ediciones de la Red:\n\n${lines.join('\n')}`));
        }
        case 'crear': {
          const [id, ...name] = rest;
          if (!id) return void (await context.sendActivity('Escriba el identificador de la edición, por ejemplo: **edicion crear 2026 Red de Coaching 2026**.'));
          const e = await s.editions.create({ id, ...(name.length ? { nombre: name.join(' ') } : {}), catalogVersion: s.catalogs.defaultCatalog.data.version }, actor);
          return void (await context.sendActivity(`Listo: creé la edición **${e._id}** (${e.nombre}). Actívela con **edicion activar ${e._id}**.`));
        }
        case 'activar': {
          const [id] = rest;
          if (!id) return void (await context.sendActivity('Escriba qué edición activar, por ejemplo: **edicion activar 2026**.'));
          const e = await s.editions.activate(id, actor);
          return void (await context.sendActivity(
            `Listo: **${e.nombre}** es ahora la edición activa. Defina las fechas con **convocatoria fechas AAAA-MM-DD AAAA-MM-DD** o ábrala con **convocatoria abrir**.`,
          ));
        }
        case 'etapa': {
          const active = await s.editions.getActive();
          if (!active) return void (await context.sendActivity(NO_EDITION));
          const [dateText = '', ...label] = rest;
          const date = parseCalendarDate(dateText);
          if (!date || label.length === 0) {
            return void (await context.sendActivity('Escriba la fecha y el nombre de la etapa, por ejemplo: **edicion etapa 2027-01-20 Reunión nacional de apertura**.'));
          }
          const e = await s.editions.setStage(active._id, label.join(' '), startOfDay(date), actor);
          return void (await context.sendActivity(`Listo. Calendario de ${e.nombre}:\n\n${calendarLines(e)}`));
        }
        case 'quitar-etapa': {
          const active = await s.editions.getActive();
          if (!active) return void (await context.sendActivity(NO_EDITION));
          if (rest.length === 0) return void (await context.sendActivity('Escriba el nombre de la etapa que desea quitar del calendario.'));
          const e = await s.editions.removeStage(active._id, rest.join(' '), actor);
          return void (await context.sendActivity(`Listo. Calendario de ${e.nombre}:\n\n${calendarLines(e)}`));
        }
        default:
          await context.sendActivity(
            'Opciones de **edicion**: **lista**, **crear** _id_ [nombre], **activar** _id_, **etapa** _AAAA-MM-DD_ _nombre_, **quitar-etapa** _nombre_.',
          );
      }
    } catch (err) {
      if (err instanceof EditionError) return void (await context.sendActivity(err.message));
      throw err;
    }
  };

  // --- convocatoria --------------------------------------------------------------------------------------

  const call = async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const [sub = 'estado', ...rest] = request.args.split(/\s+/).filter(Boolean);
    const actor = actorOf(context);
    const active = await s.editions.getActive();
    if (!active) return void (await context.sendActivity(NO_EDITION));
    try {
      switch (sub.toLowerCase()) {
        case 'estado':
          return void (await context.sendActivity(await callStatusText(active)));
        case 'abrir': {
          const e = await s.editions.openNow(active._id, actor);
          return void (await context.sendActivity(`Listo: ${describeCall(s.editions.state(e))} Para avisar a todas, escriba **convocatoria difundir**.`));
        }
        case 'cerrar': {
          const e = await s.editions.closeNow(active._id, actor);
          return void (await context.sendActivity(`Listo: ${describeCall(s.editions.state(e))}`));
        }
        case 'fechas': {
          const [a = '', b = ''] = rest;
          const from = parseCalendarDate(a);
          const to = parseCalendarDate(b);
          if (!from || !to) {
            return void (await context.sendActivity('Escriba la fecha de apertura y la de cierre, por ejemplo: **convocatoria fechas 2026-12-01 2026-12-15** (hora del centro de México).'));
          }
          const e = await s.editions.setWindow(active._id, startOfDay(from), endOfDay(to), actor);
          return void (await context.sendActivity(`Listo: la convocatoria de ${e.nombre} abre el ${formatDateTime(e.opensAt!)} y cierra el ${formatDateTime(e.closesAt!)}. ${describeCall(s.editions.state(e))}`));
        }
        case 'difundir':
          return void (await invite(context, active));
        default:
          await context.sendActivity('Opciones de **convocatoria**: **estado**, **abrir**, **cerrar**, **fechas** _AAAA-MM-DD AAAA-MM-DD_, **difundir**.');
      }
    } catch (err) {
      if (err instanceof EditionError) return void (await context.sendActivity(err.message));
      throw err;
    }
  };

  const callStatusText = async (e: Edition): Promise<string> => {
    const counts = await s.members.countByStatus(e._id);
    const hasRoster = await s.roster.hasRoster(e._id);
    const changes = await s.changes.listOpen(e._id);
    return [
      `**Convocatoria — ${e.nombre}** (edición ${e._id})`,
      describeCall(s.editions.state(e)),
      `Registros: ${counts.validated} ${MEMBER_STATUS_LABELS.validated.toLowerCase()}s, ${counts.pending} ${MEMBER_STATUS_LABELS.pending.toLowerCase()}, ${counts.rejected} rechazados, ${counts.withdrawn} dados de baja.`,
      hasRoster
        ? 'Padrón: cargado (los registros que coinciden se validan solos).'
        : 'Padrón: sin cargar (todos los registros quedan pendientes hasta que una administradora los apruebe).',
      `Solicitudes de cambio abiertas: ${changes.length}.`,
      e.calendar.length ? `Calendario:\n\n${calendarLines(e)}` : 'Calendario: sin etapas (agréguelas con **edicion etapa AAAA-MM-DD nombre**).',
    ].join('\n\n');
  };

  const invite = async (context: TurnContext, e: Edition): Promise<void> => {
    if (!s.editions.isOpen(e)) {
      return void (await context.sendActivity(`${describeCall(s.editions.state(e))} Abra la convocatoria antes de difundirla.`));
    }
    const registered = new Set((await s.members.list(e._id)).map((m) => m.personKey));
    const chats = await ctx.services.conversations.listActivePersonal();
    const card = renderInvitationCard({
      editionName: e.nombre,
      windowText: describeCall(s.editions.state(e)),
      calendar: calendarItems(upcomingStages(e.calendar, ctx.clock())),
      supportContact: ctx.config.supportContact,
      privacyNoticeUrl: ctx.config.privacyNoticeUrl,
    });
    const recipients = chats
      .filter((c): c is ConversationDoc & { personKey: string } => !!c.personKey && c.personKey.startsWith('aad:') && !registered.has(c.personKey))
      .map((c) => ({
        personKey: c.personKey,
        ...(c.ref.user?.id ? { userId: c.ref.user.id } : {}),
        ...(c.ref.user?.name ? { name: c.ref.user.name } : {}),
        message: { cards: [card] },
      }));
    const unique = [...new Map(recipients.map((r) => [r.personKey, r])).values()];
    if (unique.length === 0) return void (await context.sendActivity('No hay personas sin registro con quienes el bot tenga chat personal; no se envió nada.'));
    const result = await ctx.services.notifier.notifyPeople({
      broadcastId: `invitation:${e._id}`,
      kind: 'registrationInvitation',
      title: `Convocatoria ${e.nombre}`,
      startedBy: refOf(context.activity),
      recipients: unique,
    });
    await s.audit.append({ actor: actorOf(context), action: AUDIT_ACTIONS.callInvite, target: e._id, editionId: e._id, details: { ...result } });
    await context.sendActivity(
      `Listo: la invitación se envía a ${result.enqueued} persona(s)` +
        (result.alreadyQueued ? `; ${result.alreadyQueued} ya la habían recibido` : '') +
        (result.waitingInstall ? `; ${result.waitingInstall} la recibirán cuando instalen la aplicación` : '') +
        '. Le avisaré cuando termine el envío.',
    );
  };

  // --- pendientes -----------------------------------------------------------------------------------------

  const pending = async (context: TurnContext): Promise<void> => {
    const e = await s.editions.getActive();
    if (!e) return void (await context.sendActivity(NO_EDITION));
    const catalog = await s.catalogs.forEdition(e._id);
    const all = await s.members.list(e._id);
    const byId = new Map(all.map((m) => [m._id, m]));
    const queue = all.filter((m) => m.status === 'pending');
    const conflicts = findJuntaConflicts(all);
    const conflicted = new Set(conflicts.flatMap((c) => c.memberIds));
    const changes = await s.changes.listOpen(e._id);
    const items: PendingItem[] = queue.slice(0, QUEUE_LIMIT).map((m) => ({
      memberId: m._id,
      nombre: m.nombre,
      facts: [
        { title: 'Correo', value: m.correo },
        { title: 'Adscripción', value: describePosition(m, catalog) },
        { title: 'Motivo', value: m.pendingReason ? PENDING_REASON_LABELS[m.pendingReason] : 'Revisión' },
        { title: 'Registrada el', value: formatDate(m.createdAt) },
        ...(conflicted.has(m._id) ? [{ title: 'Atención', value: 'Otra persona registró la misma vocalía en la misma junta' }] : []),
      ],
    }));
    const changeItems: ChangeItem[] = changes.slice(0, QUEUE_LIMIT).map((r) => changeItem(r, byId.get(r.memberId), catalog));
    const more: string[] = [];
    if (queue.length > QUEUE_LIMIT) more.push(`${queue.length - QUEUE_LIMIT} registro(s) más`);
    if (changes.length > QUEUE_LIMIT) more.push(`${changes.length - QUEUE_LIMIT} solicitud(es) más`);
    const hasRoster = await s.roster.hasRoster(e._id);
    const card = renderPendingQueueCard({
      editionName: e.nombre,
      summary:
        queue.length + changes.length + conflicts.length === 0
          ? 'No hay nada pendiente.'
          : `${queue.length} registro(s) por validar y ${changes.length} solicitud(es) de cambio.${hasRoster ? '' : ' Aún no hay padrón cargado: cada registro requiere su aprobación.'}`,
      conflicts: conflicts.map((c) => {
        const people = c.memberIds.map((id) => byId.get(id)).filter((m): m is MemberRecord => !!m);
        const first = people[0];
        const where = first ? describePosition(first, catalog) : `${c.vocalia} ${c.juntaKey}`;
        return `${where}: ${people.map((m) => `${m.nombre} (${MEMBER_STATUS_LABELS[m.status].toLowerCase()})`).join(', ')}`;
      }),
      items,
      changes: changeItems,
      moreText: more.length ? `Hay ${more.join(' y ')}; atienda los de arriba y escriba **pendientes** de nuevo.` : '',
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  const changeItem = (r: ChangeRequest, m: MemberRecord | undefined, catalog: Catalog): ChangeItem => {
    const before = m ? profileFacts(profileOf(m), catalog) : [];
    const after = profileFacts(r.requested, catalog);
    const labels = r.changed.map((k) => (k === 'ejesInteres' ? FIELD_LABELS.ejes : (FIELD_LABELS as Record<string, string>)[k] ?? k));
    const facts = after
      .filter((f) => labels.includes(f.title))
      .map((f) => ({ title: f.title, value: `${before.find((b) => b.title === f.title)?.value ?? '—'} → ${f.value}` }));
    return { requestId: r._id, nombre: m?.nombre ?? 'Registro', facts: facts.length ? facts : [{ title: 'Cambios', value: labels.join(', ') }] };
  };

  // --- catalogo ----------------------------------------------------------------------------------------------

  const catalogCommand = async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const active = await s.editions.getActive();
    if (!active) return void (await context.sendActivity(NO_EDITION));
    const actor = actorOf(context);
    const file = incomingFileOf(context.activity);
    if (file) {
      const downloaded = await downloadIncomingFile(file, { mode: ctx.config.mode, extensions: ['json'], maxBytes: CATALOG_MAX_BYTES, logger: log });
      if (!downloaded.ok) return void (await context.sendActivity(downloaded.message));
      let raw: unknown;
      try {
        raw = JSON.parse(downloaded.data.toString('utf8').replace(/^\uFEFF/, ''));
      } catch {
        return void (await context.sendActivity(`El archivo «${downloaded.name}» no es un JSON válido. No se cambió el catálogo.`));
      }
      const result = await s.catalogs.replace(active._id, raw, actor);
      if (!result.ok) {
        return void (await context.sendActivity(`No reemplacé el catálogo de ${active.nombre}; revise lo siguiente:\n\n${result.errors.map((e) => `- ${e}`).join('\n')}`));
      }
      return void (await context.sendActivity(`Listo: ${active.nombre} usa ahora el catálogo **${result.catalog.data.version}**. ${catalogSummary(result.catalog)}`));
    }
    const sub = request.args.trim().toLowerCase();
    if (sub === 'restablecer') {
      const reset = await s.catalogs.reset(active._id, actor);
      if (reset === 'unchanged') return void (await context.sendActivity(`${active.nombre} ya usa el catálogo del proyecto.`));
      if (reset !== 'reset') {
        return void (await context.sendActivity(
          `No restablecí el catálogo: ${reset.broken} registro(s) de la edición usan claves que el catálogo del proyecto no tiene. Corrija esos registros primero.`,
        ));
      }
      return void (await context.sendActivity(`Listo: ${active.nombre} vuelve a usar el catálogo del proyecto (**${s.catalogs.defaultCatalog.data.version}**).`));
    }
    if (sub) return void (await context.sendActivity('Opciones de **catalogo**: sin texto (consultar), con un archivo .json adjunto (reemplazar) o **restablecer**.'));
    const current = await s.catalogs.forEdition(active._id);
    const replaced = await s.catalogs.isReplaced(active._id);
    await context.sendActivity(
      `Catálogo de ${active.nombre}: **${current.data.version}** (${replaced ? 'reemplazado para esta edición' : 'el del proyecto'}). ${catalogSummary(current)}\n\n` +
        'Para reemplazarlo, envíe **catalogo** con un archivo .json adjunto con la misma estructura que el catálogo del proyecto; para volver al del proyecto, escriba **catalogo restablecer**.',
    );
  };

  // --- admin agregar | quitar | lista -------------------------------------------------------------------------

  const admins = async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const [sub = 'lista', target = ''] = request.args.split(/\s+/).filter(Boolean);
    const actor = actorOf(context);
    try {
      switch (sub.toLowerCase()) {
        case 'lista': {
          const list = await s.admins.list();
          const lines = list.map((a) => `- ${a.name ?? a.email ?? a.aadObjectId}${a.email && a.name ? ` (${a.email})` : ''} — ${a.source === 'config' ? 'configurada en el servidor' : 'agregada en el bot'}`);
          return void (await context.sendActivity(lines.length ? `Personas administradoras:\n\n${lines.join('\n')}` : 'No hay personas administradoras registradas.'));
        }
        case 'agregar': {
          const who = await resolvePerson(target);
          if (!who) return void (await context.sendActivity(notFoundText(target)));
          const added = await s.admins.add(who, actor);
          if (!added) return void (await context.sendActivity(`${who.name ?? who.email ?? who.aadObjectId} ya es administradora.`));
          await ctx.services.notifier.notifyPeople({
            broadcastId: `admin-added:${who.aadObjectId}:${ctx.clock().getTime()}`,
            kind: 'adminAdded',
            recipients: [
              {
                personKey: `aad:${who.aadObjectId}`,
                ...(who.userId ? { userId: who.userId } : {}),
                ...(who.name ? { name: who.name } : {}),
                message: { text: 'Se le asignó el perfil de **Administración UTIGyND** en la Red de Coaching. Escriba **ayuda** para ver sus comandos.' },
              },
            ],
          });
          return void (await context.sendActivity(`Listo: ${who.name ?? who.email ?? who.aadObjectId} ahora es administradora de la Red. Le avisé por chat.`));
        }
        case 'quitar': {
          const who = (await resolvePerson(target)) ?? (await adminByEmail(target));
          if (!who) return void (await context.sendActivity(notFoundText(target)));
          await s.admins.remove(who.aadObjectId, actor);
          return void (await context.sendActivity(`Listo: ${who.name ?? who.email ?? who.aadObjectId} ya no es administradora de la Red.`));
        }
        default:
          await context.sendActivity('Opciones de **admin**: **lista**, **agregar** _correo_, **quitar** _correo_.');
      }
    } catch (err) {
      if (err instanceof AdminError) return void (await context.sendActivity(err.message));
      throw err;
    }
  };

  interface Resolved {
    aadObjectId: string;
    email?: string;
    name?: string;
    userId?: string;
  }

  /** A person by Entra object id, or by email among registrations and people the bot met in Teams. */
  const resolvePerson = async (text: string): Promise<Resolved | undefined> => {
    const t = text.trim().toLowerCase().replace(/^mailto:/, '');
    if (!t) return undefined;
    if (isEntraObjectId(t)) {
      const chat = await ctx.services.conversations.personalChatOf(`aad:${t}`);
      return { aadObjectId: t, ...(chat?.ref.user?.name ? { name: chat.ref.user.name } : {}), ...(chat?.ref.user?.id ? { userId: chat.ref.user.id } : {}) };
    }
    if (!isPlausibleEmail(t)) return undefined;
    const member = await s.members.findLatestByEmail(t);
    if (member?.aadObjectId) return { aadObjectId: member.aadObjectId, email: t, name: member.nombre, userId: member.userId };
    const seen = await s.people.findByEmail(t);
    if (seen) return { aadObjectId: seen.aadObjectId, email: t, userId: seen.userId, ...(seen.name ? { name: seen.name } : {}) };
    return undefined;
  };

  const adminByEmail = async (text: string): Promise<Resolved | undefined> => {
    const t = text.trim().toLowerCase();
    const found = (await s.admins.list()).find((a) => a.email === t);
    return found ? { aadObjectId: found.aadObjectId, ...(found.email ? { email: found.email } : {}), ...(found.name ? { name: found.name } : {}) } : undefined;
  };

  const notFoundText = (target: string): string =>
    target
      ? `No encontré a nadie con «${target.slice(0, 100)}». Use el correo de una persona registrada en la Red o de alguien que ya inició su registro con el bot, o su id. de objeto de Entra ID.`
      : 'Escriba el correo institucional de la persona, por ejemplo: **admin agregar nombre.apellido@ine.mx**.';

  // --- card buttons of the pending queue -----------------------------------------------------------------------------

  const notifyDecision = async (m: MemberRecord, text: string): Promise<void> => {
    await ctx.services.notifier.notifyPeople({
      broadcastId: `registration-decision:${m._id}:${(m.decidedAt ?? ctx.clock()).getTime()}`,
      kind: 'registrationDecision',
      recipients: [{ personKey: m.personKey, ...(m.userId ? { userId: m.userId } : {}), ...(m.nombre ? { name: m.nombre } : {}), message: { text } }],
    });
  };

  const decisionError = async (context: TurnContext, err: unknown): Promise<void> => {
    if (err instanceof RegistrationError) {
      const current = err.current ? ` (estado actual: ${MEMBER_STATUS_LABELS[err.current.status].toLowerCase()})` : '';
      return void (await context.sendActivity(`${err.message.replace(/\.$/, '')}${current}. Escriba **pendientes** para ver la lista actualizada.`));
    }
    if (err instanceof ChangeRequestError) return void (await context.sendActivity(`${err.message} Escriba **pendientes** para ver la lista actualizada.`));
    throw err;
  };

  const id = z.string().min(1).max(300);
  const submitHandlers: SubmitHandler[] = [
    defineSubmitHandler({
      verb: VERBS.regApprove,
      schema: z.object({ verb: z.literal(VERBS.regApprove), memberId: id }),
      handle: async (context, p) => {
        if (!(await ensureAdmin(context, VERBS.regApprove))) return;
        try {
          const m = await s.members.approve(p.memberId, actorOf(context));
          const e = await s.editions.get(m.editionId);
          await notifyDecision(
            m,
            `¡Buenas noticias! Su registro en ${e?.nombre ?? 'la Red de Coaching'} fue **validado** por la UTIGyND. Ya es integrante de la Red; le avisaremos por este chat cuando se conformen los grupos.` +
              (e && upcomingStages(e.calendar, ctx.clock()).length ? `\n\nPróximas fechas:\n\n${calendarLines({ calendar: upcomingStages(e.calendar, ctx.clock()) })}` : ''),
          );
          await context.sendActivity(`Listo: aprobé el registro de ${m.nombre} y se lo comuniqué por chat.`);
        } catch (err) {
          await decisionError(context, err);
        }
      },
    }),
    defineSubmitHandler({
      verb: VERBS.regReject,
      schema: z.looseObject({ verb: z.literal(VERBS.regReject), memberId: id, reasonId: z.string().regex(/^motivo_\d{1,3}$/) }),
      handle: async (context, p) => {
        if (!(await ensureAdmin(context, VERBS.regReject))) return;
        const reason = (p as Record<string, unknown>)[p.reasonId];
        if (typeof reason !== 'string' || reason.trim().length < 3) {
          return void (await context.sendActivity('Para rechazar un registro escriba el motivo (se le enviará a la persona). No se hizo ningún cambio.'));
        }
        try {
          const m = await s.members.reject(p.memberId, reason, actorOf(context));
          await notifyDecision(
            m,
            `Su registro en la Red de Coaching no fue validado por la UTIGyND. Motivo: ${m.statusReason ?? ''}\n\nSi cree que se trata de un error, comuníquese con ${ctx.config.supportContact}.`,
          );
          await context.sendActivity(`Listo: rechacé el registro de ${m.nombre} y le envié el motivo por chat.`);
        } catch (err) {
          await decisionError(context, err);
        }
      },
    }),
    defineSubmitHandler({
      verb: VERBS.regChangeApply,
      schema: z.object({ verb: z.literal(VERBS.regChangeApply), requestId: id }),
      handle: async (context, p) => {
        if (!(await ensureAdmin(context, VERBS.regChangeApply))) return;
        try {
          const { result } = await s.changes.apply(p.requestId, actorOf(context));
          const m = result.member;
          await notifyDecision(
            m,
            result.revalidation
              ? 'La UTIGyND aplicó los cambios que solicitó a sus datos. Como cambió su correo o su adscripción, su registro queda pendiente de validación.'
              : 'La UTIGyND aplicó los cambios que solicitó a sus datos. Escriba **mis datos** para consultarlos.',
          );
          await context.sendActivity(`Listo: apliqué los cambios de ${m.nombre} y se lo comuniqué por chat.`);
        } catch (err) {
          await decisionError(context, err);
        }
      },
    }),
    defineSubmitHandler({
      verb: VERBS.regChangeDismiss,
      schema: z.object({ verb: z.literal(VERBS.regChangeDismiss), requestId: id }),
      handle: async (context, p) => {
        if (!(await ensureAdmin(context, VERBS.regChangeDismiss))) return;
        try {
          const r = await s.changes.dismiss(p.requestId, actorOf(context));
          const m = await s.members.getById(r.memberId);
          if (m) await notifyDecision(m, `La UTIGyND revisó su solicitud de cambio de datos y no la aplicó. Si tiene dudas, comuníquese con ${ctx.config.supportContact}.`);
          await context.sendActivity(`Listo: descarté la solicitud${m ? ` de ${m.nombre}` : ''}${m ? ' y se lo comuniqué por chat' : ''}.`);
        } catch (err) {
          await decisionError(context, err);
        }
      },
    }),
  ];

  return {
    routes: [
      { commandId: 'edition', handle: admin('edition', edition) },
      { commandId: 'call', handle: admin('call', call) },
      { commandId: 'pending', handle: admin('pending', pending) },
      { commandId: 'admins', handle: admin('admins', admins) },
      { commandId: 'catalog', handle: admin('catalog', catalogCommand) },
    ],
    submitHandlers,
  };
}

const CATALOG_MAX_BYTES = 512 * 1024;

function catalogSummary(c: Catalog): string {
  const d = c.data;
  return `${d.vocalias.length} vocalías, ${d.entidades.length} entidades, ${c.totalDistritos} distritos federales, ${d.circunscripciones.length} circunscripciones y ${d.ejesTematicos.length} ejes temáticos.`;
}

function calendarLines(e: Pick<Edition, 'calendar'>): string {
  return e.calendar.map((st) => `- ${st.label}: ${formatDate(st.date)}`).join('\n');
}
