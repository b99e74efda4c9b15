import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP server on 127.0.0.1 standing in for SharePoint/OneDrive in tests: it serves files for download
 * (the downloadUrl of a Teams attachment) and records uploads (the uploadUrl of a file consent answer).
 */
export interface Upload {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Streams this many bytes of filler without a Content-Length header. */
  streamBytes?: number;
}

export interface LocalFileServer {
  url(path: string): string;
  port: number;
  routes: Map<string, Route>;
  uploads: Upload[];
  requests: string[];
  /** Status the upload endpoint answers (default 201). */
  uploadStatus: number;
  close(): Promise<void>;
}

export async function startLocalFileServer(): Promise<LocalFileServer> {
  const routes = new Map<string, Route>();
  const uploads: Upload[] = [];
  const requests: string[] = [];
  const state = { uploadStatus: 201 };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(`${req.method} ${path}`);
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(state.uploadStatus, { 'content-type': 'application/json' });
        res.end('{}');
      });
      return;
    }
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    if (route.streamBytes !== undefined) {
      res.writeHead(route.status ?? 200, { 'content-type': 'application/octet-stream', ...(route.headers ?? {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < route.streamBytes!) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    const body = typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : (route.body ?? Buffer.alloc(0));
    res.writeHead(route.status ?? 200, { 'content-length': String(body.length), ...(route.headers ?? {}) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    routes,
    uploads,
    requests,
    get uploadStatus() {
      return state.uploadStatus;
    },
    set uploadStatus(v: number) {
      state.uploadStatus = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
