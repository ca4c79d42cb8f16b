// The local run's front door: what Cloudflare's edge does for a deployed worker, done for
// `wrangler dev`. It listens where users connect and passes each request to the worker with
// `CF-Connecting-IP` set to the connection's real peer (replacing any the client sent) and
// `X-Patgate-Peer-Key` set to this run's key, so the worker's per-address limits count the
// real peer and nothing a client writes in a header.
//
//   node scripts/peer-proxy.mjs --listen HOST:PORT --upstream PORT [--watch PID]
//   with PATGATE_PEER_KEY in the environment (the same value the worker has).
// With --watch, it exits when that process does (the run command's wrangler).
import { createServer, request as forward, Agent } from "node:http";
import { parseArgs } from "node:util";

/** Headers that describe one connection, not the message: never passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"]);
/** What only this proxy may say to the worker. */
const OURS = new Set(["cf-connecting-ip", "x-patgate-peer-key", "x-forwarded-for", "x-real-ip"]);

/** The peer as Cloudflare writes it: an IPv4 address without its IPv6-mapped prefix. */
export const peerOf = (socket) => (socket.remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/** The raw header list `raw` ([name, value, ...]) without hop-by-hop headers and `drop`. */
function kept(raw, drop = new Set()) {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !drop.has(name)) out.push(raw[i], raw[i + 1]);
  }
  return out;
}

/** A server that forwards to 127.0.0.1:`upstream` with the peer and `key` set. */
export function peerProxy({ upstream, key }) {
  if (!key || key.length < 16) throw new Error("PATGATE_PEER_KEY must be set (16 characters at least)");
  const agent = new Agent({ keepAlive: true });
  return createServer((req, res) => {
    const headers = [...kept(req.rawHeaders, OURS), "CF-Connecting-IP", peerOf(req.socket), "X-Patgate-Peer-Key", key];
    const out = forward({ host: "127.0.0.1", port: upstream, method: req.method, path: req.url, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode, answer.statusMessage, kept(answer.rawHeaders));
      answer.pipe(res);
    });
    out.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" }).end("patgate: the worker is not answering (starting or stopped)\n");
      else res.destroy();
    });
    req.pipe(out);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { listen: { type: "string" }, upstream: { type: "string" }, watch: { type: "string" } } });
  const at = values.listen.lastIndexOf(":");
  const server = peerProxy({ upstream: Number(values.upstream), key: process.env.PATGATE_PEER_KEY });
  server.listen(Number(values.listen.slice(at + 1)), values.listen.slice(0, at));
  if (values.watch) {
    setInterval(() => {
      try {
        process.kill(Number(values.watch), 0);
      } catch {
        process.exit(0);
      }
    }, 1000).unref();
  }
}
