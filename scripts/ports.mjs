// Ports for the workers and servers the tests start. The kernel hands out ephemeral ports
// (ip_local_port_range, 32768-60999 here) to every connect and `listen(0)`: a port picked that
// way and closed again can be taken by workerd's own sockets before wrangler binds it. Below
// that range only an explicit bind takes a port, so a free one there stays free.
import { createServer } from "node:net";

const LOW = 20_000, HIGH = 32_767;

function bindable(port) {
  return new Promise((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on, outside the kernel's ephemeral range. */
export async function freePort() {
  for (let i = 0; i < 100; i++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${LOW}-${HIGH}`);
}

// `node scripts/ports.mjs` prints one (the run command's worker listens there, behind its proxy).
if (import.meta.url === `file://${process.argv[1]}`) console.log(await freePort());
