// A tiny static file server for the browser tests (node:http only).
//
//   import { serveStatic } from './serve-static.mjs';
//   const server = await serveStatic('/tmp/site');   // server.url = 'http://127.0.0.1:PORT'
//   const server = await serveStatic('/tmp/site', 0, { base: '/standards/' });
//                                                    // server.url = 'http://127.0.0.1:PORT/standards'
//   ...
//   await server.close();
//
// or from a shell:  node serve-static.mjs DIR [PORT [BASE]]   (prints the URL, serves until killed)
//
// Behaves like a plain static host: `/x/` serves `/x/index.html`, `/x` for a directory redirects
// to `/x/`, a missing file answers 404 with the site's own 404.html, and every request path is
// decoded and normalised first, so nothing outside the root is ever served. Binds to loopback only.
// With a base path, DIR is published under it, as a folder of another website or a Pages project
// site is: /standards/x/ serves DIR/x/index.html, and everything outside /standards/ is a plain 404.
// server.url has no trailing slash, so `server.url + '/grades/'` is a page's address either way.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function statOrNull(p) {
  try { return fs.statSync(p); } catch { return null; }
}

// Maps a request path to a file under root, or to a redirect; null when nothing matches.
// Exported for the self-test.
export function resolveRequest(root, rawPath) {
  let decoded;
  try { decoded = decodeURIComponent(rawPath); } catch { return null; }
  if (decoded.includes('\0')) return null;
  // posix.normalize of an absolute path can never climb above '/'.
  const clean = path.posix.normalize('/' + decoded.replace(/\\/g, '/'));
  const file = path.join(root, clean);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const st = statOrNull(file);
  if (st?.isDirectory()) {
    if (!clean.endsWith('/')) return { redirect: clean + '/' };
    const index = path.join(file, 'index.html');
    return statOrNull(index)?.isFile() ? { file: index } : null;
  }
  return st?.isFile() ? { file } : null;
}

function send(res, method, status, file, extraHeaders = {}) {
  const body = fs.readFileSync(file);
  res.writeHead(status, {
    'Content-Type': mimeType(file),
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(method === 'HEAD' ? undefined : body);
}

// '/standards/' or '/standards' -> '/standards'; '/' or '' -> ''.
export function basePath(base) {
  return ('/' + (base ?? '')).replace(/\/+/g, '/').replace(/\/$/, '');
}

export function serveStatic(rootDir, port = 0, { base = '' } = {}) {
  const prefix = basePath(base);
  const root = fs.realpathSync(path.resolve(rootDir));
  const notFoundPage = path.join(root, '404.html');
  const server = http.createServer((req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('method not allowed\n');
        return;
      }
      const { pathname, search } = new URL(req.url, 'http://localhost');
      if (prefix && !pathname.startsWith(prefix + '/')) {
        const home = pathname === prefix;
        res.writeHead(home ? 301 : 404, home ? { Location: prefix + '/', 'Content-Length': 0 }
          : { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(home ? undefined : `not found: the site is at ${prefix}/\n`);
        return;
      }
      const hit = resolveRequest(root, pathname.slice(prefix.length));
      if (hit?.redirect) {
        res.writeHead(301, { Location: prefix + hit.redirect + search, 'Content-Length': 0 });
        res.end();
      } else if (hit?.file) {
        send(res, req.method, 200, hit.file);
      } else if (statOrNull(notFoundPage)?.isFile()) {
        send(res, req.method, 404, notFoundPage);
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('not found\n');
      }
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`server error: ${err.message}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://127.0.0.1:${bound}${prefix}`,
        root,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, port, base] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node serve-static.mjs DIR [PORT [BASE]]');
    process.exit(2);
  }
  const server = await serveStatic(dir, Number(port ?? 0), { base });
  console.log(`serving ${server.root} at ${server.url}/`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
