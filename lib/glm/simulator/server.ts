/**
 * node:http adapter: serves a simulator on a real socket (127.0.0.1 only). Each body chunk gets its own
 * `res.write` (Nagle off), production stops when the client goes away, and `::drop` destroys the socket.
 * Control endpoints: GET /__simulator/requests, POST /__simulator/reset, POST /__simulator/release
 * (streams held by `::hold` go on), POST /__simulator/hold-titles `{hold}` (title requests held
 * until released), GET /__simulator/health.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator } from './simulator';
import type { GlmSimulator, SimulatorOptions } from './types';

export interface SimulatorServerOptions extends SimulatorOptions {
  /** 0 = random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface SimulatorServer {
  url: string;
  port: number;
  simulator: GlmSimulator;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function writeChunk(res: ServerResponse, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    res.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function serveControl(
  simulator: GlmSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (req.method === 'GET' && path === '/__simulator/requests') return sendJson(res, 200, simulator.requests);
  if (req.method === 'POST' && path === '/__simulator/reset') {
    await readBody(req);
    simulator.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === 'POST' && path === '/__simulator/release') {
    await readBody(req);
    return sendJson(res, 200, { released: simulator.release() });
  }
  if (req.method === 'POST' && path === '/__simulator/hold-titles') {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { hold?: unknown };
    simulator.holdTitles(body.hold === true);
    return sendJson(res, 200, { holdingTitles: body.hold === true });
  }
  if (req.method === 'GET' && path === '/__simulator/health') {
    return sendJson(res, 200, { ok: true, flavour: simulator.options.flavour });
  }
  sendJson(res, 404, { error: { message: `Unknown control endpoint ${req.method} ${path}` } });
}

async function serve(
  simulator: GlmSimulator,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname.startsWith('/__simulator/')) return serveControl(simulator, req, res, url.pathname);

  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  const request = new Request(url, {
    method,
    headers: toHeaders(req),
    body: body ? new Uint8Array(body) : undefined,
    signal: aborter.signal,
  });
  const response = await simulator.handle(request);

  res.socket?.setNoDelay(true);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = (): void => {
    reader.cancel().catch(() => undefined);
  };
  aborter.signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (aborter.signal.aborted) return;
      await writeChunk(res, value);
    }
    res.end();
  } catch {
    // `::drop` (SimulatedDropError), a client abort, or a write failure: cut the connection abruptly.
    res.destroy();
  } finally {
    aborter.signal.removeEventListener('abort', cancel);
  }
}

export async function startSimulatorServer(opts: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = opts;
  const simulator = createSimulator(simulatorOptions);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  let origin = `http://${hostInUrl}`;
  const server = createServer((req, res) => {
    serve(simulator, origin, req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'Simulator failure' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${hostInUrl}:${address.port}`;
  return {
    url: origin,
    port: address.port,
    simulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
