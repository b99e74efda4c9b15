import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { typedCollection } from '../store/typed.js';

/**
 * Proactive installation of the app for a person through Microsoft Graph (optional, off by default:
 * PROACTIVE_INSTALL). In Teams a bot cannot write to someone who does not have the app in her personal
 * scope; when a notice has to wait for that, this installs the app for her, as Microsoft's Company
 * Communicator does. Teams then tells the bot (installationUpdate), the bot remembers her chat and the
 * delivery engine sends what waited for her (DeliveryEngine.onInstalled).
 *
 * Graph calls (application permissions granted by a tenant administrator):
 * - GET  {graph}/appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'  (AppCatalog.Read.All): the
 *   app's id in the organisation's catalogue, looked up once;
 * - POST {graph}/users/{Entra object id}/teamwork/installedApps  (TeamsAppInstallation.ReadWriteForUser.All)
 *   with `teamsApp@odata.bind`: 201 installed, 409 already installed.
 *
 * Each person is tried at most once per `retryAfterMs` (default 24 h), recorded in the store, so a notice
 * per day to someone the tenant blocks never turns into a request per notice. Requests run one at a time in
 * the background; failures are logged, never thrown at the caller.
 */

export const APP_INSTALL_COLLECTION = 'appInstallAttempts';

export type InstallOutcome = 'installed' | 'already-installed' | 'failed' | 'skipped';

interface AttemptDoc {
  /** Lower-cased Entra object id. */
  _id: string;
  at: Date;
  outcome: Exclude<InstallOutcome, 'skipped'>;
  status?: number;
}

export interface ProactiveInstallerOptions {
  store: Store;
  logger: Logger;
  clock: () => Date;
  /** Graph base URL, e.g. https://graph.microsoft.com/v1.0 (tests: a local stub). */
  graphBaseUrl: string;
  /** The app's id in its manifest (TEAMS_APP_ID), the catalogue's `externalId`. */
  teamsAppId: string;
  /** A Graph access token (client credentials); undefined sends no Authorization header (local stub). */
  tokenProvider?: () => Promise<string | undefined>;
  fetchFn?: typeof fetch;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** A person is not tried again before this (default 24 h). */
  retryAfterMs?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ProactiveInstaller {
  private readonly col;
  private readonly fetchFn: typeof fetch;
  private catalogId: Promise<string | undefined> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();

  constructor(private readonly opts: ProactiveInstallerOptions) {
    this.col = typedCollection<AttemptDoc>(opts.store, APP_INSTALL_COLLECTION);
    this.fetchFn = opts.fetchFn ?? fetch;
  }

  /**
   * Asks for the app to be installed for the person behind `recipientKey` (`aad:<object id>`; other keys are
   * ignored). Returns at once; the request runs in the background (see `idle`).
   */
  request(recipientKey: string): void {
    const id = recipientKey.startsWith('aad:') ? recipientKey.slice(4).toLowerCase() : '';
    if (!GUID.test(id) || this.queued.has(id)) return;
    this.queued.add(id);
    this.queue = this.queue
      .then(() => this.install(id))
      .then(
        () => undefined,
        (err: unknown) => this.opts.logger.error({ err, aadObjectId: id }, 'proactive install: unexpected error'),
      )
      .finally(() => this.queued.delete(id));
  }

  /** Resolves when every request made so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Installs the app for her now, unless she was tried recently. */
  async install(aadObjectId: string): Promise<InstallOutcome> {
    const id = aadObjectId.toLowerCase();
    const now = this.opts.clock();
    const last = await this.col.findOne({ _id: id });
    if (last && now.getTime() - last.at.getTime() < (this.opts.retryAfterMs ?? 24 * 3_600_000)) return 'skipped';
    const catalogId = await this.resolveCatalogId();
    let outcome: AttemptDoc['outcome'] = 'failed';
    let status: number | undefined;
    if (catalogId) {
      const base = this.opts.graphBaseUrl.replace(/\/+$/, '');
      const res = await this.call('POST', `/users/${encodeURIComponent(id)}/teamwork/installedApps`, {
        'teamsApp@odata.bind': `${base}/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`,
      });
      status = res.status;
      outcome = res.status === 201 || res.status === 200 ? 'installed' : res.status === 409 ? 'already-installed' : 'failed';
      const log = { aadObjectId: id, status: res.status, outcome, ...(outcome === 'failed' ? { detail: res.detail } : {}) };
      if (outcome === 'failed') this.opts.logger.warn(log, 'proactive install: Graph refused the installation');
      else this.opts.logger.info(log, 'proactive install: app installed for a person');
    }
    await this.col.updateOne({ _id: id }, { $set: { at: now, outcome, ...(status !== undefined ? { status } : {}) } }, { upsert: true });
    return outcome;
  }

  /** The app's id in the organisation's catalogue (looked up once; retried on the next request if it failed). */
  private resolveCatalogId(): Promise<string | undefined> {
    this.catalogId ??= (async () => {
      const filter = encodeURIComponent(`externalId eq '${this.opts.teamsAppId.replace(/'/g, "''")}'`);
      const res = await this.call('GET', `/appCatalogs/teamsApps?$filter=${filter}`);
      const value = (res.body as { value?: { id?: unknown }[] } | undefined)?.value;
      const id = Array.isArray(value) && typeof value[0]?.id === 'string' ? value[0].id : undefined;
      if (!id) {
        this.opts.logger.warn({ status: res.status, teamsAppId: this.opts.teamsAppId, detail: res.detail }, 'proactive install: the app is not in the organisation catalogue');
        this.catalogId = undefined;
      }
      return id;
    })();
    return this.catalogId;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body?: unknown; detail?: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const token = await this.opts.tokenProvider?.();
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await this.fetchFn(this.opts.graphBaseUrl.replace(/\/+$/, '') + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        parsed = undefined;
      }
      const err = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const detail = err ? [err.code, err.message].filter((x) => typeof x === 'string').join(': ') : res.ok ? undefined : text.slice(0, 200);
      return { status: res.status, ...(parsed !== undefined ? { body: parsed } : {}), ...(detail ? { detail } : {}) };
    } catch (err) {
      return { status: 0, detail: err instanceof Error ? err.message : String(err) };
    }
  }
}
