import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { downloadIncomingFile, incomingFileOf, isAllowedFileUrl, TEAMS_FILE_DOWNLOAD_INFO, type IncomingFileRef } from '../../src/bot/files.js';
import { startLocalFileServer, type LocalFileServer } from './localFileServer.js';

/** A pino logger whose JSON lines are kept for assertions. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const CSV = 'nombre,correo,vocalia,ambito,entidad,distrito\r\nAna,ana@ine.mx,VE,JLE,09,\r\n';

describe('incoming files: which attachment is a file', () => {
  it('reads a Teams file download info attachment', () => {
    const ref = incomingFileOf({
      attachments: [
        { contentType: 'text/html', content: '<p>importar padrón</p>' },
        { contentType: TEAMS_FILE_DOWNLOAD_INFO, name: 'padron.xlsx', content: { downloadUrl: 'https://ine.sharepoint.com/x?tempauth=abc', uniqueId: 'u1', fileType: 'xlsx' } },
      ],
    });
    expect(ref).toEqual({ name: 'padron.xlsx', url: 'https://ine.sharepoint.com/x?tempauth=abc', fileType: 'xlsx', source: 'teams' });
  });

  it('accepts an inline attachment with contentUrl (e.g. text/csv) and ignores message decorations', () => {
    expect(incomingFileOf({ attachments: [{ contentType: 'text/csv', contentUrl: 'https://files.example.org/a/padron.csv' }] })).toEqual({
      name: 'padron.csv',
      url: 'https://files.example.org/a/padron.csv',
      source: 'inline',
    });
    expect(incomingFileOf({ attachments: [{ contentType: 'text/html', contentUrl: 'https://x/y.html' }] })).toBeUndefined();
    expect(incomingFileOf({ attachments: [{ contentType: TEAMS_FILE_DOWNLOAD_INFO, content: { nope: true } }] })).toBeUndefined();
    expect(incomingFileOf({})).toBeUndefined();
  });

  it('allows only https, or loopback http in local mode', () => {
    expect(isAllowedFileUrl('https://ine.sharepoint.com/f', 'production')).toBeDefined();
    expect(isAllowedFileUrl('https://ine-my.sharepoint.com/personal/f', 'production')).toBeDefined();
    expect(isAllowedFileUrl('https://intranet.ine.mx/f', 'production')).toBeUndefined();
    expect(isAllowedFileUrl('https://sharepoint.com.evil.example/f', 'production')).toBeUndefined();
    expect(isAllowedFileUrl('https://10.0.0.5/f', 'production')).toBeUndefined();
    expect(isAllowedFileUrl('http://ine.sharepoint.com/f', 'production')).toBeUndefined();
    expect(isAllowedFileUrl('http://127.0.0.1:9/f', 'production')).toBeUndefined();
    expect(isAllowedFileUrl('http://127.0.0.1:9/f', 'local')).toBeDefined();
    expect(isAllowedFileUrl('http://localhost:9/f', 'local')).toBeDefined();
    expect(isAllowedFileUrl('http://10.0.0.5/f', 'local')).toBeUndefined();
    expect(isAllowedFileUrl('file:///etc/passwd', 'local')).toBeUndefined();
    expect(isAllowedFileUrl('https://user:pw@ine.sharepoint.com/f', 'production')).toBeUndefined();
    expect(isAllowedFileUrl('no es url', 'local')).toBeUndefined();
  });
});

describe('incoming files: download from a local server', () => {
  let srv: LocalFileServer;
  beforeAll(async () => {
    srv = await startLocalFileServer();
    srv.routes.set('/padron.csv', { body: CSV });
    srv.routes.set('/grande.csv', { body: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61) });
    srv.routes.set('/sin-longitud.csv', { streamBytes: 6 * 1024 * 1024 });
    srv.routes.set('/vacio.csv', { body: '' });
    srv.routes.set('/mismo-host.csv', { status: 302, headers: { location: '/padron.csv' } });
    srv.routes.set('/otro-host.csv', { status: 302, headers: { location: 'https://evil.example.org/padron.csv' } });
  });
  afterAll(async () => srv.close());

  const ref = (path: string, name = path.slice(1)): IncomingFileRef => ({ name, url: srv.url(path), source: 'teams' });
  const opts = (logger: ReturnType<typeof recordingLogger>['logger']) => ({ mode: 'local' as const, extensions: ['csv', 'xlsx'], logger });

  it('downloads an allowed file', async () => {
    const { logger } = recordingLogger();
    const r = await downloadIncomingFile(ref('/padron.csv'), opts(logger));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.toString('utf8')).toBe(CSV);
  });

  it('refuses a wrong file type without downloading it, in Spanish, with a log entry', async () => {
    const { logger, lines } = recordingLogger();
    const before = srv.requests.length;
    const r = await downloadIncomingFile({ ...ref('/padron.csv'), name: 'foto.png' }, opts(logger));
    expect(r).toMatchObject({ ok: false, code: 'unsupported-type' });
    if (!r.ok) expect(r.message).toMatch(/solo se aceptan archivos \.csv o \.xlsx/);
    expect(srv.requests.length).toBe(before);
    expect(lines.some((l) => l.msg === 'incoming file refused' && l.code === 'unsupported-type' && l.fileName === 'foto.png')).toBe(true);
    const xls = await downloadIncomingFile({ ...ref('/padron.csv'), name: 'padron.xls' }, opts(logger));
    if (!xls.ok) expect(xls.message).toMatch(/formato antiguo de Excel/);
  });

  it('refuses a file over 5 MB announced by Content-Length', async () => {
    const { logger, lines } = recordingLogger();
    const r = await downloadIncomingFile(ref('/grande.csv'), opts(logger));
    expect(r).toMatchObject({ ok: false, code: 'too-large' });
    if (!r.ok) expect(r.message).toMatch(/el máximo permitido es 5 MB/);
    expect(lines.some((l) => l.code === 'too-large')).toBe(true);
  });

  it('aborts a download without Content-Length once it passes the cap', async () => {
    const { logger, lines } = recordingLogger();
    const r = await downloadIncomingFile(ref('/sin-longitud.csv'), { ...opts(logger), maxBytes: 1024 * 1024 });
    expect(r).toMatchObject({ ok: false, code: 'too-large' });
    if (!r.ok) expect(r.message).toMatch(/pesa más de/);
    const entry = lines.find((l) => l.code === 'too-large');
    expect(Number(entry?.receivedBytes)).toBeLessThan(6 * 1024 * 1024);
  });

  it('follows a redirect on the same host, never to another host', async () => {
    const { logger, lines } = recordingLogger();
    expect((await downloadIncomingFile({ ...ref('/mismo-host.csv'), name: 'padron.csv' }, opts(logger))).ok).toBe(true);
    const r = await downloadIncomingFile({ ...ref('/otro-host.csv'), name: 'padron.csv' }, opts(logger));
    expect(r).toMatchObject({ ok: false, code: 'redirect' });
    expect(lines.find((l) => l.code === 'redirect')?.location).toBe('https://evil.example.org/padron.csv');
  });

  it('turns HTTP errors, empty files, refused URLs and unreachable hosts into Spanish messages', async () => {
    const { logger } = recordingLogger();
    const notFound = await downloadIncomingFile(ref('/no-existe.csv'), opts(logger));
    expect(notFound).toMatchObject({ ok: false, code: 'http-error' });
    expect(await downloadIncomingFile(ref('/vacio.csv'), opts(logger))).toMatchObject({ ok: false, code: 'empty' });
    const prod = await downloadIncomingFile(ref('/padron.csv'), { ...opts(logger), mode: 'production' });
    expect(prod).toMatchObject({ ok: false, code: 'bad-url' });
    const closed = await downloadIncomingFile({ name: 'padron.csv', url: 'http://127.0.0.1:1/padron.csv', source: 'teams' }, opts(logger));
    expect(closed).toMatchObject({ ok: false, code: 'network' });
    for (const r of [notFound, prod, closed]) if (!r.ok) expect(r.message).toMatch(/archivo/);
  });
});
