import type { Activity, Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { personKey } from '../domain/person.js';
import { PendingFileStore, type FileSlot, type PendingFileDoc } from '../services/reports/pendingFiles.js';
import { personOf } from '../teams/activity.js';
import { FILE_TEXTS } from './fileTexts.js';

/**
 * Files in Teams personal chat.
 *
 * Receiving: a file the person attaches arrives as an attachment 'application/vnd.microsoft.teams.file.download.info'
 * with a pre-authenticated downloadUrl. It is downloaded with a size cap, only over HTTPS (or from the loopback
 * address in local mode, for tests and the Agents Playground), never following a redirect to another host.
 * Every failure becomes a Spanish message (src/bot/fileTexts.ts) plus a structured log entry, never an exception.
 *
 * Sending: Teams bots send files with the FileConsentCard flow. The bytes stay on the server (pendingFiles),
 * the card carries only their id; when the owner accepts, Teams gives an upload URL, the bytes are PUT there
 * and a file info card is sent. Only the person the file was prepared for can accept it.
 */

export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
export const TEAMS_FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const TEAMS_FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

export const MAX_DOWNLOAD_BYTES = 5 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 3;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type FileMode = 'local' | 'production';
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

// ---------------------------------------------------------------------------------------------
// Receiving

export interface IncomingFileRef {
  name: string;
  url: string;
  /** Extension Teams reports (e.g. "xlsx"), if any. */
  fileType?: string;
  source: 'teams' | 'inline';
}

const downloadInfoSchema = z.object({ downloadUrl: z.string().min(1), uniqueId: z.string().optional(), fileType: z.string().optional() });

/** Content types that are message decorations, not files the person attached. */
const NOT_FILES = new Set(['text/html', 'application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.hero', 'application/vnd.microsoft.card.thumbnail']);

/**
 * The first file attached to a message: a Teams file (download info) or, for robustness, any other
 * attachment with a contentUrl (e.g. 'text/csv' from other clients and tests). Undefined when there is none.
 */
export function incomingFileOf(activity: Partial<Activity>): IncomingFileRef | undefined {
  const attachments: Attachment[] = activity.attachments ?? [];
  for (const a of attachments) {
    if (a.contentType === TEAMS_FILE_DOWNLOAD_INFO) {
      const info = downloadInfoSchema.safeParse(a.content);
      if (!info.success) continue;
      return { name: a.name ?? FILE_TEXTS.defaultName(info.data.fileType ?? ''), url: info.data.downloadUrl, ...(info.data.fileType ? { fileType: info.data.fileType } : {}), source: 'teams' };
    }
  }
  for (const a of attachments) {
    if (!a.contentUrl || NOT_FILES.has(a.contentType)) continue;
    return { name: a.name ?? nameFromUrl(a.contentUrl), url: a.contentUrl, source: 'inline' };
  }
  return undefined;
}

function nameFromUrl(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : FILE_TEXTS.defaultName();
  } catch {
    return FILE_TEXTS.defaultName();
  }
}

export type DownloadErrorCode = 'unsupported-type' | 'too-large' | 'bad-url' | 'redirect' | 'http-error' | 'network' | 'empty';

export type DownloadResult =
  | { ok: true; name: string; extension: string; data: Buffer }
  | { ok: false; code: DownloadErrorCode; message: string };

export interface DownloadOptions {
  mode: FileMode;
  /** Lower-case extensions accepted, without dot. */
  extensions: readonly string[];
  maxBytes?: number;
  timeoutMs?: number;
  fetch?: FetchLike;
  logger: Logger;
}

export function extensionOf(name: string): string {
  return /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase() ?? '';
}

/**
 * Hosts Teams uses for file transfers in personal chats: the sender's OneDrive for Business / SharePoint
 * (commercial, government and national clouds). Any other host is refused in production, so a crafted
 * attachment cannot make the bot fetch internal or arbitrary addresses.
 */
const FILE_HOSTS = /(^|\.)sharepoint(-df|-mil)?\.(com|us|cn|de)$/i;

/** Whether the bot may contact this URL: HTTPS to OneDrive/SharePoint, or loopback HTTP in local mode. */
export function isAllowedFileUrl(raw: string, mode: FileMode): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:' && (mode === 'local' || FILE_HOSTS.test(url.hostname))) return url;
  if (url.protocol === 'http:' && mode === 'local' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  return undefined;
}

function typeMessage(name: string, extensions: readonly string[]): string {
  return extensionOf(name) === 'xls' ? FILE_TEXTS.oldExcel(name) : FILE_TEXTS.unsupportedType(name, extensions);
}

/**
 * Downloads a file a person sent, with every check. Never throws for a problem of the file or the network:
 * the result carries a Spanish message for her, and the problem is logged with its code.
 */
export async function downloadIncomingFile(ref: IncomingFileRef, options: DownloadOptions): Promise<DownloadResult> {
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const doFetch = options.fetch ?? fetch;
  const log = options.logger;
  const fail = (code: DownloadErrorCode, message: string, detail: Record<string, unknown> = {}): DownloadResult => {
    log.warn({ code, fileName: ref.name, source: ref.source, ...detail }, 'incoming file refused');
    return { ok: false, code, message };
  };

  const extension = extensionOf(ref.name) || (ref.fileType ?? '').toLowerCase();
  if (!options.extensions.includes(extension)) return fail('unsupported-type', typeMessage(ref.name, options.extensions), { extension });

  const first = isAllowedFileUrl(ref.url, options.mode);
  if (!first) return fail('bad-url', FILE_TEXTS.unsafeUrl, { url: safeUrl(ref.url) });
  const originHost = first.host;
  let url: URL = first;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  try {
    let response: Response | undefined;
    for (let hop = 0; ; hop++) {
      response = await doFetch(url, { method: 'GET', redirect: 'manual', signal: controller.signal });
      if (response.status < 300 || response.status >= 400) break;
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      const next: URL | undefined = location ? isAllowedFileUrl(new URL(location, url).toString(), options.mode) : undefined;
      if (!next || next.host !== originHost || hop >= MAX_REDIRECTS)
        return fail('redirect', FILE_TEXTS.badRedirect, {
          status: response.status,
          location: location ? safeUrl(new URL(location, url).toString()) : null,
        });
      url = next;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return fail('http-error', FILE_TEXTS.downloadFailed, {
        status: response.status,
      });
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      controller.abort();
      return fail('too-large', FILE_TEXTS.tooLarge(ref.name, declared, maxBytes), { declaredBytes: declared });
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes) {
          controller.abort();
          await reader.cancel().catch(() => undefined);
          return fail('too-large', FILE_TEXTS.tooLarge(ref.name, received, maxBytes, true), { receivedBytes: received });
        }
        chunks.push(value);
      }
    }
    if (received === 0) return fail('empty', FILE_TEXTS.empty(ref.name));
    log.info({ fileName: ref.name, bytes: received, source: ref.source }, 'incoming file downloaded');
    return { ok: true, name: ref.name, extension, data: Buffer.concat(chunks) };
  } catch (err) {
    const timedOut = controller.signal.aborted;
    return fail(
      'network',
      timedOut ? FILE_TEXTS.downloadTimedOut : FILE_TEXTS.downloadFailed,
      { err: err instanceof Error ? err.message : String(err), timedOut },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** URL without query string (pre-authenticated links carry tokens there): safe to log. */
function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(inválida)';
  }
}

// ---------------------------------------------------------------------------------------------
// Sending (FileConsentCard flow)

/** What the bot delegates 'fileConsent/invoke' activities to (see RedCoachingBot). */
export interface FileConsentHandler {
  accept(context: TurnContext, response: FileConsentCardResponse): Promise<void>;
  decline(context: TurnContext, response: FileConsentCardResponse): Promise<void>;
}

export interface FileTransferDeps {
  store: Store;
  mode: FileMode;
  logger: Logger;
  clock?: () => Date;
  fetch?: FetchLike;
}

export interface FileOffer {
  name: string;
  data: Buffer;
  /** Shown on the consent card. */
  description: string;
}

const consentContextSchema = z.object({ pendingFileId: z.string().min(1).max(100) });
const acceptSchema = z.object({
  action: z.literal('accept'),
  context: consentContextSchema,
  uploadInfo: z.object({
    uploadUrl: z.string().min(1),
    contentUrl: z.string().optional(),
    name: z.string().optional(),
    uniqueId: z.string().optional(),
    fileType: z.string().optional(),
  }),
});
const declineSchema = z.object({ action: z.literal('decline'), context: consentContextSchema });

export class FileTransfer implements FileConsentHandler {
  readonly pending: PendingFileStore;
  private readonly fetch: FetchLike;

  constructor(private readonly deps: FileTransferDeps) {
    this.pending = new PendingFileStore(deps.store, deps.clock);
    this.fetch = deps.fetch ?? fetch;
  }

  async init(): Promise<void> {
    await this.pending.init();
  }

  /**
   * Offers a file to the person of this turn (personal chat): keeps the bytes on the server and sends a
   * FileConsentCard that references them by id.
   */
  async offer(context: TurnContext, file: FileOffer): Promise<string> {
    const owner = personKey(personOf(context.activity));
    const doc = await this.pending.create({ ownerKey: owner, name: file.name, data: file.data, description: file.description });
    await this.sendConsentCard(context, doc, FILE_TEXTS.offer(file.name, this.deps.mode === 'local'));
    this.deps.logger.info({ pendingFileId: doc._id, fileName: file.name, bytes: file.data.length, ownerKey: owner }, 'file offered');
    return doc._id;
  }

  /**
   * Offers the person's only file for `slot.purpose` (e.g. her data export): while one with the same data
   * (`slot.sourceVersion`) waits for her, its card is sent again and `build` is not called; otherwise the file
   * is built and replaces any waiting one. `created` tells whether a new file was prepared.
   */
  async offerOnce(context: TurnContext, slot: FileSlot, build: () => Promise<FileOffer>): Promise<{ id: string; created: boolean }> {
    const owner = personKey(personOf(context.activity));
    const waiting = await this.pending.findReusable(owner, slot);
    if (waiting) {
      await this.sendConsentCard(context, waiting, FILE_TEXTS.offerAgain(waiting.name, this.deps.mode === 'local'));
      this.deps.logger.info({ pendingFileId: waiting._id, purpose: slot.purpose, ownerKey: owner }, 'waiting file offered again');
      return { id: waiting._id, created: false };
    }
    const file = await build();
    const { doc, created } = await this.pending.createInSlot({ ownerKey: owner, name: file.name, data: file.data, description: file.description }, slot);
    await this.sendConsentCard(context, doc, created ? FILE_TEXTS.offer(doc.name, this.deps.mode === 'local') : FILE_TEXTS.offerAgain(doc.name, this.deps.mode === 'local'));
    this.deps.logger.info({ pendingFileId: doc._id, purpose: slot.purpose, fileName: doc.name, bytes: doc.sizeInBytes, ownerKey: owner, created }, 'file offered');
    return { id: doc._id, created };
  }

  /** The FileConsentCard of a waiting file: it carries only the file's id, never its bytes. */
  private async sendConsentCard(context: TurnContext, doc: Pick<PendingFileDoc, '_id' | 'name' | 'description' | 'sizeInBytes'>, text: string): Promise<void> {
    await context.sendActivity({
      type: 'message',
      text,
      attachments: [
        {
          contentType: TEAMS_FILE_CONSENT_CARD,
          name: doc.name,
          content: {
            description: doc.description,
            sizeInBytes: doc.sizeInBytes,
            acceptContext: { pendingFileId: doc._id },
            declineContext: { pendingFileId: doc._id },
          },
        },
      ],
    });
  }

  async accept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const log = this.deps.logger;
    const parsed = acceptSchema.safeParse(response);
    if (!parsed.success) {
      log.warn({ activityId: context.activity.id, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'invalid file consent accept');
      await context.sendActivity(FILE_TEXTS.incompleteConsent);
      return;
    }
    const { context: ctx, uploadInfo } = parsed.data;
    const who = personKey(personOf(context.activity));
    const claim = await this.pending.claimForUpload(ctx.pendingFileId, who);
    if (claim.kind !== 'ok') {
      if (claim.kind === 'notOwner') log.warn({ pendingFileId: ctx.pendingFileId, personKey: who, ownerKey: claim.ownerKey }, 'file consent by another person refused');
      else log.info({ pendingFileId: ctx.pendingFileId, personKey: who, outcome: claim.kind }, 'file consent not fulfilled');
      await context.sendActivity(FILE_TEXTS.claim[claim.kind]);
      return;
    }
    const target = isAllowedFileUrl(uploadInfo.uploadUrl, this.deps.mode);
    if (!target) {
      await this.pending.release(ctx.pendingFileId);
      log.warn({ pendingFileId: ctx.pendingFileId, uploadUrl: safeUrl(uploadInfo.uploadUrl) }, 'file upload URL refused');
      await context.sendActivity(FILE_TEXTS.uploadUrlRefused);
      return;
    }
    const data = claim.file.data;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), UPLOAD_TIMEOUT_MS);
    try {
      const res = await this.fetch(target, {
        method: 'PUT',
        headers: { 'Content-Range': `bytes 0-${data.length - 1}/${data.length}`, 'Content-Type': 'application/octet-stream' },
        body: new Uint8Array(data),
        redirect: 'error',
        signal: controller.signal,
      });
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) throw new Error(`upload answered HTTP ${res.status}`);
    } catch (err) {
      await this.pending.release(ctx.pendingFileId);
      log.error({ err, pendingFileId: ctx.pendingFileId, uploadUrl: safeUrl(uploadInfo.uploadUrl) }, 'file upload failed');
      await context.sendActivity(FILE_TEXTS.uploadFailed);
      return;
    } finally {
      clearTimeout(timer);
    }
    await this.pending.remove(ctx.pendingFileId, who);
    log.info({ pendingFileId: ctx.pendingFileId, bytes: data.length, personKey: who }, 'file uploaded after consent');
    const name = uploadInfo.name ?? claim.file.name;
    await context.sendActivity({
      type: 'message',
      text: FILE_TEXTS.uploaded(name),
      attachments: [
        {
          contentType: TEAMS_FILE_INFO_CARD,
          name,
          ...(uploadInfo.contentUrl ? { contentUrl: uploadInfo.contentUrl } : {}),
          content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType ?? extensionOf(name) },
        },
      ],
    });
  }

  async decline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const parsed = declineSchema.safeParse(response);
    if (!parsed.success) {
      this.deps.logger.warn({ activityId: context.activity.id }, 'invalid file consent decline');
      await context.sendActivity(FILE_TEXTS.declinedInvalid);
      return;
    }
    const who = personKey(personOf(context.activity));
    const id = parsed.data.context.pendingFileId;
    const removed = await this.pending.remove(id, who);
    if (!removed) {
      const doc = await this.pending.get(id);
      if (doc) {
        this.deps.logger.warn({ pendingFileId: id, personKey: who, ownerKey: doc.ownerKey }, 'file consent decline by another person ignored');
        await context.sendActivity(FILE_TEXTS.claim.notOwner);
        return;
      }
    }
    this.deps.logger.info({ pendingFileId: id, personKey: who }, 'file declined');
    await context.sendActivity(FILE_TEXTS.declined);
  }
}
