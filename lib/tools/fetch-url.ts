import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, isIPv4, isIPv6, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Readability } from '@mozilla/readability';
import { tool } from 'ai';
import { z } from 'zod';

/**
 * fetch_url: GETs one web page and returns its readable text.
 *
 * SSRF protection: every hop (the first URL and each redirect, followed by hand) is parsed with the
 * WHATWG URL parser (which turns 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1), its host is
 * resolved here, and every address is checked against the non-public ranges below unless
 * `allowPrivate` is set. The connection is then made to exactly the addresses that were checked
 * (a pinned `lookup` for the socket), so a DNS answer that changes between check and connect
 * (DNS rebinding) has no effect.
 */

export const FETCH_URL_DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
  maxChars: 20_000,
} as const;

const USER_AGENT = 'Mozilla/5.0 (compatible; GLM-Chat/0.1; fetch_url)';

export class FetchUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchUrlError';
  }
}

export interface LookupAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all of its addresses (default: node:dns/promises lookup with all: true). */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface FetchUrlOptions {
  /** Allow loopback, private, link-local and other non-public addresses (TOOLS_FETCH_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  lookup?: HostLookup;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  maxChars?: number;
  /**
   * Test seam: where the socket for a checked address of a host name really goes. Production
   * connects to the checked address itself; tests map a fake public address to a local server.
   */
  dial?: (checked: LookupAddress, hostname: string) => LookupAddress;
}

export interface FetchUrlResult {
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  contentType: string;
  title?: string;
  byline?: string;
  siteName?: string;
  text: string;
  /** True when the text was cut to the character limit or the body to the byte limit. */
  truncated: boolean;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Address classification

type Range4 = [base: number, bits: number, reason: string];

const ip4 = (s: string): number => s.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);

const IPV4_BLOCKED: Range4[] = [
  [ip4('0.0.0.0'), 8, 'unspecified ("this network")'],
  [ip4('10.0.0.0'), 8, 'private'],
  [ip4('100.64.0.0'), 10, 'carrier-grade NAT (shared)'],
  [ip4('127.0.0.0'), 8, 'loopback'],
  [ip4('169.254.0.0'), 16, 'link-local'],
  [ip4('172.16.0.0'), 12, 'private'],
  [ip4('192.0.0.0'), 24, 'reserved (IETF protocol assignments)'],
  [ip4('192.0.2.0'), 24, 'documentation'],
  [ip4('192.88.99.0'), 24, 'reserved (6to4 relay)'],
  [ip4('192.168.0.0'), 16, 'private'],
  [ip4('198.18.0.0'), 15, 'benchmarking'],
  [ip4('198.51.100.0'), 24, 'documentation'],
  [ip4('203.0.113.0'), 24, 'documentation'],
  [ip4('224.0.0.0'), 4, 'multicast'],
  [ip4('240.0.0.0'), 4, 'reserved (including broadcast)'],
];

function classifyIPv4(value: number): string | null {
  for (const [base, bits, reason] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return reason;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (embedded dotted IPv4 tails included). */
function ipv6Groups(address: string): number[] | null {
  let text = address.split('%')[0];
  if (!isIPv6(text)) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v = ip4(tail[1]);
    text = `${text.slice(0, -tail[1].length)}${Math.floor(v / 65536).toString(16)}:${(v % 65536).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const groups = [...left, ...fill, ...right];
  return groups.length === 8 ? groups : null;
}

function prefixMatches(groups: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i] & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

const embedded = (hi: number, lo: number) => hi * 65536 + lo;

function classifyIPv6(groups: number[]): string | null {
  if (groups.every((g) => g === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
  const viaV4 = (kind: string, v4: number) => {
    const reason = classifyIPv4(v4);
    return reason ? `${reason} (${kind})` : null;
  };
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64)
  if (prefixMatches(groups, [0, 0, 0, 0, 0, 0xffff], 96))
    return viaV4('IPv4-mapped', embedded(groups[6], groups[7]));
  if (prefixMatches(groups, [0, 0, 0, 0, 0xffff, 0], 96)) {
    return viaV4('IPv4-translated', embedded(groups[6], groups[7]));
  }
  if (prefixMatches(groups, [0, 0, 0, 0, 0, 0], 96))
    return viaV4('IPv4-compatible', embedded(groups[6], groups[7]));
  if (prefixMatches(groups, [0x64, 0xff9b, 0, 0, 0, 0], 96))
    return viaV4('NAT64', embedded(groups[6], groups[7]));
  if (prefixMatches(groups, [0x64, 0xff9b, 1], 48)) return 'private (local NAT64)';
  if (prefixMatches(groups, [0x2002], 16)) return viaV4('6to4', embedded(groups[1], groups[2]));
  if (prefixMatches(groups, [0x100], 64)) return 'reserved (discard-only)';
  if (prefixMatches(groups, [0x2001, 0], 32)) return 'reserved (Teredo tunnel)';
  if (prefixMatches(groups, [0x2001, 0x2, 0], 48)) return 'benchmarking';
  if (prefixMatches(groups, [0x2001, 0x10], 28) || prefixMatches(groups, [0x2001, 0x20], 28))
    return 'reserved (ORCHID)';
  if (prefixMatches(groups, [0x2001, 0xdb8], 32)) return 'documentation';
  if (prefixMatches(groups, [0x3fff], 20)) return 'documentation';
  if (prefixMatches(groups, [0xfc00], 7)) return 'private (unique local)';
  if (prefixMatches(groups, [0xfe80], 10)) return 'link-local';
  if (prefixMatches(groups, [0xfec0], 10)) return 'private (site-local)';
  if (prefixMatches(groups, [0xff00], 8)) return 'multicast';
  return null;
}

/**
 * Why an IP address is not public (e.g. 'loopback', 'private', 'link-local', 'multicast'), or
 * null for a public address. Anything that is not a valid IP address is reported as invalid.
 */
export function blockedAddressReason(address: string): string | null {
  if (isIPv4(address)) return classifyIPv4(ip4(address));
  const groups = ipv6Groups(address);
  if (!groups) return 'not a valid IP address';
  return classifyIPv6(groups);
}

// ---------------------------------------------------------------------------------------------
// URL checks

/** Parses and checks the form of a URL: http(s) only, no credentials. */
export function parseFetchableUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FetchUrlError(
      `Not a valid URL: ${JSON.stringify(raw.slice(0, 200))}. Give a full http(s) URL.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchUrlError(`Only http and https URLs can be fetched, not ${url.protocol} URLs.`);
  }
  if (url.username || url.password) {
    throw new FetchUrlError('URLs with a user name or password cannot be fetched.');
  }
  if (!url.hostname) throw new FetchUrlError(`The URL ${url.href} has no host.`);
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

const defaultLookup: HostLookup = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Resolves the URL's host and checks every address; returns the addresses to connect to. */
async function vetHost(url: URL, options: FetchUrlOptions): Promise<LookupAddress[]> {
  const host = bareHost(url);
  const allowPrivate = options.allowPrivate ?? false;
  const refuse = (address: string, reason: string) =>
    new FetchUrlError(
      `Refused to fetch ${url.href}: ${host === address ? 'it' : `${host} resolves to ${address}, which`} is a non-public address (${reason}). ` +
        'fetch_url only reaches public internet addresses.',
    );

  let addresses: LookupAddress[];
  const family = isIP(host);
  if (family !== 0) {
    addresses = [{ address: host, family: family === 6 ? 6 : 4 }];
  } else {
    const name = host.toLowerCase().replace(/\.$/, '');
    if (!allowPrivate && (name === 'localhost' || name.endsWith('.localhost'))) {
      throw new FetchUrlError(
        `Refused to fetch ${url.href}: ${host} is a non-public address (loopback name). fetch_url only reaches public internet addresses.`,
      );
    }
    try {
      addresses = await (options.lookup ?? defaultLookup)(host);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new FetchUrlError(
        `Could not resolve the host ${host}${code ? ` (${code})` : ''}. Check the URL.`,
      );
    }
    if (addresses.length === 0) throw new FetchUrlError(`The host ${host} has no addresses.`);
  }
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) throw refuse(address, reason);
    }
  }
  if (family === 0 && options.dial) {
    const dial = options.dial;
    return addresses.map((a) => dial(a, host));
  }
  return addresses;
}

/** A `lookup` for the socket that answers only with the addresses that were checked. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return ((_hostname: string, opts: unknown, callback?: unknown) => {
    const cb = (typeof opts === 'function' ? opts : callback) as (
      err: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void;
    const o = (typeof opts === 'object' && opts !== null ? opts : {}) as { all?: boolean; family?: number };
    const usable =
      o.family === 4 || o.family === 6 ? addresses.filter((a) => a.family === o.family) : addresses;
    if (usable.length === 0) {
      const err: NodeJS.ErrnoException = new Error('no checked address of the requested family');
      err.code = 'ENOTFOUND';
      cb(err, '', 0);
      return;
    }
    if (o.all) cb(null, usable);
    else cb(null, usable[0].address, usable[0].family);
  }) as LookupFunction;
}

// ---------------------------------------------------------------------------------------------
// One HTTP exchange

interface Exchange {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The body was longer than maxBytes and was cut. */
  cut: boolean;
  location?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

function exchange(
  url: URL,
  addresses: LookupAddress[],
  maxBytes: number,
  signal: AbortSignal,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: bareHost(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: false,
        lookup: pinnedLookup(addresses),
        signal,
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
          connection: 'close',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const base = { status, statusText: res.statusMessage ?? '', headers: res.headers };
        if (REDIRECTS.has(status) && res.headers.location) {
          res.destroy();
          resolve({ ...base, body: Buffer.alloc(0), cut: false, location: res.headers.location });
          return;
        }
        const stream = decoded(res);
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = (cut: boolean) => {
          if (done) return;
          done = true;
          resolve({ ...base, body: Buffer.concat(chunks), cut });
          res.destroy();
          if (stream !== res) stream.destroy();
        };
        stream.on('data', (chunk: Buffer) => {
          if (done) return;
          if (size + chunk.length > maxBytes) {
            chunks.push(chunk.subarray(0, maxBytes - size));
            size = maxBytes;
            finish(true);
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        stream.on('end', () => finish(false));
        const fail = (error: Error) => {
          if (done) return;
          done = true;
          res.destroy();
          reject(error);
        };
        stream.on('error', fail);
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('the connection was closed before the page was complete')));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Content

interface Parsed {
  mime: string;
  charset?: string;
}

function parseContentType(value: string | undefined): Parsed {
  if (!value) return { mime: '' };
  const [mime, ...params] = value.split(';');
  let charset: string | undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";]+)"?/i.exec(p);
    if (m) charset = m[1].trim();
  }
  return { mime: mime.trim().toLowerCase(), charset };
}

function decodeText(body: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function sniffHtmlCharset(body: Buffer): string | undefined {
  const head = body.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}

type Kind = 'html' | 'text' | 'json';

function kindOf(mime: string, body: Buffer): Kind | undefined {
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  if (mime.startsWith('text/') || mime === 'application/xml' || mime.endsWith('+xml')) return 'text';
  if (mime === '' || mime === 'application/octet-stream') {
    const head = body.subarray(0, 1024);
    if (head.includes(0)) return undefined;
    return /^\s*(<!doctype html|<html|<head|<body)/i.test(head.toString('latin1')) ? 'html' : 'text';
  }
  return undefined;
}

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
]);
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TR',
  'UL',
]);

/** Text of a DOM subtree with paragraphs, headings and list items on their own lines. */
function domText(root: Node): string {
  const out: string[] = [];
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      out.push(pre ? value : value.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) out.push('\n');
    if (/^H[1-6]$/.test(tag)) out.push(`${'#'.repeat(Number(tag[1]))} `);
    if (tag === 'LI') out.push('- ');
    if (tag === 'TD' || tag === 'TH') out.push(' | ');
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child, pre || tag === 'PRE');
    if (block) out.push('\n');
  };
  walk(root, false);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface PageText {
  title?: string;
  byline?: string;
  siteName?: string;
  text: string;
}

/**
 * The HTML libraries load on the first page fetched, not at boot: linkedom and Readability add
 * ~25 MB to the server's resident memory, and most deployments never enable fetch_url.
 */
async function readableHtml(html: string): Promise<PageText> {
  const [{ parseHTML }, { Readability }] = await Promise.all([
    import('linkedom'),
    import('@mozilla/readability'),
  ]);
  const { document } = parseHTML(html);
  const pageTitle = document.querySelector('title')?.textContent?.trim() || undefined;
  let article: ReturnType<Readability['parse']> = null;
  try {
    // maxElemsToParse bounds the work on huge pages (Readability throws past it).
    article = new Readability(document, { maxElemsToParse: 40_000, charThreshold: 300 }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const text = domText(
      parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body,
    );
    if (text.length > 0) {
      return {
        title: article.title?.trim() || pageTitle,
        byline: article.byline?.trim() || undefined,
        siteName: article.siteName?.trim() || undefined,
        text,
      };
    }
  }
  // Not an article (or Readability gave up): all visible text of a fresh copy, since Readability edits the DOM.
  const fresh = parseHTML(html).document;
  return { title: pageTitle, text: domText(fresh.body ?? fresh) };
}

// ---------------------------------------------------------------------------------------------
// The fetch

function describeNetworkError(error: unknown, url: URL): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const host = bareHost(url);
  if (code === 'ECONNREFUSED') return `Could not connect to ${host}: the connection was refused.`;
  if (code === 'ECONNRESET') return `The connection to ${host} was reset.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not resolve the host ${host}.`;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || /certificate/i.test(message)) {
    return `The TLS certificate of ${host} could not be verified (${code ?? message}).`;
  }
  return `Fetching ${url.href} failed: ${message}`;
}

/** The promise, or a rejection as soon as the signal aborts (DNS lookups cannot be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, reason: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export async function fetchUrl(
  rawUrl: string,
  options: FetchUrlOptions = {},
  signal?: AbortSignal,
): Promise<FetchUrlResult> {
  const timeoutMs = options.timeoutMs ?? FETCH_URL_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_URL_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_URL_DEFAULTS.maxRedirects;
  const maxChars = options.maxChars ?? FETCH_URL_DEFAULTS.maxChars;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;

  const requested = parseFetchableUrl(rawUrl);
  let url = requested;
  let response: Exchange | undefined;
  for (let hop = 0; ; hop++) {
    const addresses = await untilAborted(vetHost(url, options), combined, () =>
      timeout.aborted
        ? new FetchUrlError(`Timed out after ${timeoutMs / 1000} s resolving ${bareHost(url)}.`)
        : new FetchUrlError('The fetch was cancelled.'),
    );
    try {
      response = await exchange(url, addresses, maxBytes, combined);
    } catch (error) {
      if (timeout.aborted)
        throw new FetchUrlError(`Timed out after ${timeoutMs / 1000} s fetching ${url.href}.`);
      if (signal?.aborted) throw new FetchUrlError('The fetch was cancelled.');
      throw new FetchUrlError(describeNetworkError(error, url));
    }
    if (response.location === undefined) break;
    if (hop >= maxRedirects) {
      throw new FetchUrlError(
        `Too many redirects: ${requested.href} redirected more than ${maxRedirects} times.`,
      );
    }
    let next: URL;
    try {
      next = new URL(response.location, url);
    } catch {
      throw new FetchUrlError(`${url.href} redirected to an invalid URL: ${response.location.slice(0, 200)}`);
    }
    try {
      url = parseFetchableUrl(next.href);
    } catch (error) {
      throw new FetchUrlError(`${url.href} redirected to ${next.href}: ${(error as Error).message}`);
    }
  }

  const { status, statusText, headers, body, cut } = response;
  if (status < 200 || status >= 300) {
    const why = status >= 300 && status < 400 ? ' without a usable Location header' : '';
    throw new FetchUrlError(
      `The server answered ${status}${statusText ? ` ${statusText}` : ''}${why} for ${url.href}.`,
    );
  }
  const { mime, charset } = parseContentType(headers['content-type']);
  const kind = kindOf(mime, body);
  if (!kind) {
    throw new FetchUrlError(
      `${url.href} is ${mime || 'binary data'}, which fetch_url cannot read (it reads HTML, text and JSON).`,
    );
  }

  let page: PageText;
  if (kind === 'html') {
    page = await readableHtml(decodeText(body, charset ?? sniffHtmlCharset(body)));
  } else {
    page = { text: decodeText(body, charset).trim() };
  }

  const notes: string[] = [];
  let text = page.text;
  const fullLength = text.length;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    notes.push(
      `The text was cut at ${maxChars.toLocaleString('en-US')} of ${fullLength.toLocaleString('en-US')} characters.`,
    );
  }
  if (cut)
    notes.push(
      `Only the first ${(maxBytes / (1024 * 1024)).toLocaleString('en-US')} MB of the page were read.`,
    );
  if (text.length === 0) notes.push('The page has no readable text (it may need JavaScript to render).');

  return {
    url: requested.href,
    finalUrl: url.href,
    status,
    contentType: mime || 'unknown',
    ...(page.title ? { title: page.title } : {}),
    ...(page.byline ? { byline: page.byline } : {}),
    ...(page.siteName ? { siteName: page.siteName } : {}),
    text,
    truncated: cut || fullLength > maxChars,
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

export const fetchUrlInputSchema = z.object({
  url: z
    .string()
    .min(1)
    .max(2048)
    .describe('The full http:// or https:// URL of the page to read, e.g. https://en.wikipedia.org/wiki/Zod'),
});

export function createFetchUrlTool(options: FetchUrlOptions = {}) {
  return tool({
    description:
      'Fetch a web page (http/https GET) and return its main readable text, title and final URL after redirects. ' +
      'Works for HTML articles, plain text and JSON; not for pages that need JavaScript, logins, PDFs or images. ' +
      `Text is cut at ${(options.maxChars ?? FETCH_URL_DEFAULTS.maxChars).toLocaleString('en-US')} characters. ` +
      'Use it to read a URL the user gave or one found with web_search.',
    inputSchema: fetchUrlInputSchema,
    execute: async ({ url }, { abortSignal }) => fetchUrl(url, options, abortSignal),
  });
}
