/**
 * A node:http server on 127.0.0.1 that serves virtual hosts by the Host header, logs every request and
 * keeps the most requests in flight and the most connections open per host.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Ctx, HostDef, ResolvedOptions } from './respond.ts';
import { notFound, send } from './respond.ts';
import type { RequestLogEntry } from './types.ts';

export interface VirtualHostServer {
  port: number;
  log: RequestLogEntry[];
  /** Installs the hosts (they need the port, so they come after listening). */
  setHosts(hosts: readonly HostDef[]): void;
  maxConcurrentPerHost(): Map<string, number>;
  maxOpenSocketsPerHost(): Map<string, number>;
  close(): Promise<void>;
}

class Gauge {
  private readonly current = new Map<string, number>();
  readonly max = new Map<string, number>();
  up(key: string): void {
    const now = (this.current.get(key) ?? 0) + 1;
    this.current.set(key, now);
    if (now > (this.max.get(key) ?? 0)) this.max.set(key, now);
  }
  down(key: string): void {
    this.current.set(key, (this.current.get(key) ?? 1) - 1);
  }
}

interface SocketState {
  id: number;
  hosts: Set<string>;
}

export async function startVirtualHostServer(options: ResolvedOptions): Promise<VirtualHostServer> {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const log: RequestLogEntry[] = [];
  const hosts = new Map<string, HostDef>();
  const hits = new Map<string, number>();
  const memory = new Map<string, number>();
  const requests = new Gauge();
  const sockets = new Gauge();
  const socketState = new Map<Socket, SocketState>();
  const timers = new Set<NodeJS.Timeout>();
  let nextSocketId = 1;
  let closing = false;

  const server = createServer((req, res) => handle(req, res));
  server.on('connection', (socket: Socket) => {
    const state: SocketState = { id: nextSocketId++, hosts: new Set() };
    socketState.set(socket, state);
    socket.on('close', () => {
      for (const host of state.hosts) sockets.down(host);
      socketState.delete(socket);
    });
  });
  // Server-side timeouts would end the slow pages early; the clients under test must do that.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.timeout = 0;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d*$/, '');
    const target = req.url ?? '/';
    const socket = socketState.get(req.socket);
    const entry: RequestLogEntry = {
      host,
      method: req.method ?? '',
      path: target,
      /** The status once the head is sent (read live, so that in-flight entries show it too). */
      get status() {
        return res.headersSent ? res.statusCode : 0;
      },
      startedAt: now(),
      endedAt: null,
      completed: false,
      socketId: socket?.id ?? 0,
      userAgent: req.headers['user-agent'] ?? null,
    };
    log.push(entry);
    requests.up(host);
    if (socket && !socket.hosts.has(host)) {
      socket.hosts.add(host);
      sockets.up(host);
    }

    const own = new Set<NodeJS.Timeout>();
    res.on('close', () => {
      entry.endedAt = now();
      entry.completed = res.writableFinished;
      requests.down(host);
      for (const t of own) {
        clearTimeout(t);
        timers.delete(t);
      }
    });

    const query = target.indexOf('?');
    const ctx: Ctx = {
      req,
      res,
      path: query === -1 ? target : target.slice(0, query),
      search: query === -1 ? '' : target.slice(query),
      hit(key) {
        const n = (hits.get(key) ?? 0) + 1;
        hits.set(key, n);
        return n;
      },
      memory,
      now,
      after(ms, fn) {
        const t = setTimeout(() => {
          own.delete(t);
          timers.delete(t);
          if (!res.destroyed) fn();
        }, ms);
        own.add(t);
        timers.add(t);
      },
      every(ms, fn) {
        const t = setInterval(() => {
          if (!res.destroyed) fn();
        }, ms);
        own.add(t);
        timers.add(t);
      },
      options,
    };

    const def = hosts.get(host);
    if (!def) {
      send(ctx, 421, { 'content-type': 'text/plain' }, `No virtual host ${JSON.stringify(host)} here.\n`);
      return;
    }
    const route = def.routes[ctx.path];
    if (route) route(ctx);
    else if (!def.dynamic?.(ctx)) notFound(ctx);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    log,
    setHosts(list) {
      hosts.clear();
      for (const def of list) hosts.set(def.name, def);
    },
    maxConcurrentPerHost: () => new Map(requests.max),
    maxOpenSocketsPerHost: () => new Map(sockets.max),
    async close() {
      if (closing) return;
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of socketState.keys()) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
