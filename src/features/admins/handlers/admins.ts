import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { personKey } from '../../../domain/person.js';
import { isStaffRole, STAFF_ROLE_LABELS, type StaffRole } from '../../../domain/roles.js';
import { AdminError } from '../../../services/registration/index.js';
import { personOf } from '../../../teams/activity.js';
import { adminByEmail, displayName, resolvePerson, type ResolvedPerson } from '../resolvePerson.js';
import { ADMINS_TEXTS as T } from '../texts.js';

type Sub = (ctx: FeatureContext, target: string, actor: string, role?: string) => Promise<string>;

/** "admin lista": administrators from the server configuration and those added in the bot. */
const list: Sub = async (ctx) => {
  const admins = await ctx.services.admins.list();
  const acompanamiento = new Set(await ctx.services.admins.staffRoleHolders('acompanamiento'));
  const lines = admins.map((a) =>
    T.listLine(displayName(a), a.email && a.name ? a.email : undefined, a.source === 'config', acompanamiento.has(a.aadObjectId) ? [STAFF_ROLE_LABELS.acompanamiento] : []),
  );
  return lines.length ? T.listHeader(lines) : T.noAdmins;
};

/** "admin agregar <correo|id> acompanamiento": makes her an administrator if needed and grants the staff role. */
async function grantRole(ctx: FeatureContext, who: ResolvedPerson, role: StaffRole, actor: string): Promise<string> {
  const madeAdmin = await ctx.services.admins.add(who, actor);
  const granted = await ctx.services.admins.grantStaffRole(who.aadObjectId, role, actor);
  if (!granted && !madeAdmin) return T.alreadyHasRole(displayName(who), STAFF_ROLE_LABELS[role]);
  const key = personKey({ aadObjectId: who.aadObjectId, userId: who.userId ?? '' });
  await ctx.services.notifier.notifyPeople({
    broadcastId: `staff-role:${role}:${key}:${ctx.clock().getTime()}`,
    kind: 'staffRoleGranted',
    title: T.addedNoticeTitle(displayName(who)),
    recipients: [{ personKey: key, ...(who.userId ? { userId: who.userId } : {}), ...(who.name ? { name: who.name } : {}), message: { text: T.roleNotice(STAFF_ROLE_LABELS[role]) } }],
  });
  return T.roleGranted(displayName(who), STAFF_ROLE_LABELS[role], madeAdmin);
}

/** "admin agregar <correo|id> [acompanamiento]": makes her an administrator and tells her by chat. */
const add: Sub = async (ctx, target, actor, role) => {
  if (role !== undefined && !isStaffRole(role)) return T.unknownRole(role);
  const who = await resolvePerson(ctx.services, target);
  if (!who) return target ? T.notFound(target) : T.targetUsage;
  if (role !== undefined) return grantRole(ctx, who, role, actor);
  const added = await ctx.services.admins.add(who, actor);
  if (!added) return T.alreadyAdmin(displayName(who));
  const key = personKey({ aadObjectId: who.aadObjectId, userId: who.userId ?? '' });
  // One notice per time she is made an administrator (the event), never shared with another notice.
  const sent = await ctx.services.notifier.notifyPeople({
    broadcastId: `admin-added:${key}:${ctx.clock().getTime()}`,
    kind: 'adminAdded',
    title: T.addedNoticeTitle(displayName(who)),
    recipients: [
      {
        personKey: key,
        ...(who.userId ? { userId: who.userId } : {}),
        ...(who.name ? { name: who.name } : {}),
        message: { text: T.addedNotice },
      },
    ],
  });
  return T.added(displayName(who), sent);
};

/** "admin quitar <correo|id>": removes an administrator added in the bot (never the last one). */
const remove: Sub = async (ctx, target, actor, role) => {
  if (role !== undefined && !isStaffRole(role)) return T.unknownRole(role);
  const who = (await resolvePerson(ctx.services, target)) ?? (await adminByEmail(ctx.services, target));
  if (!who) return target ? T.notFound(target) : T.targetUsage;
  if (role !== undefined) {
    const revoked = await ctx.services.admins.revokeStaffRole(who.aadObjectId, role, actor);
    return revoked ? T.roleRevoked(displayName(who), STAFF_ROLE_LABELS[role]) : T.notHasRole(displayName(who), STAFF_ROLE_LABELS[role]);
  }
  await ctx.services.admins.remove(who.aadObjectId, actor);
  return T.removed(displayName(who));
};

const SUBS: Record<string, Sub> = { lista: list, agregar: add, quitar: remove };

/** "admin": who administers the network (UTIGyND). */
export function adminsHandler(ctx: FeatureContext): CommandHandler {
  return async (context: TurnContext, request) => {
    const [sub = 'lista', target = '', roleWord] = request.args.split(/\s+/).filter(Boolean);
    // "acompañamiento" and "acompanamiento" name the same role.
    const role = roleWord === undefined ? undefined : roleWord.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const run = Object.hasOwn(SUBS, sub.toLowerCase()) ? SUBS[sub.toLowerCase()] : undefined;
    try {
      await context.sendActivity(run ? await run(ctx, target, personKey(personOf(context.activity)), role) : T.options);
    } catch (err) {
      if (err instanceof AdminError) return void (await context.sendActivity(err.message));
      throw err;
    }
  };
}
