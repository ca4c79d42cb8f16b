// A route table in the manner of workers-rs' Router: method, path template, who may call, handler.
// Templates name their parameters ({org}, {id}, …; {*path} takes the rest), each checked by its
// own pattern. A path that matches no template answers 404; one that matches with another
// method answers 405 with Allow, except a hidden route's (one that exists only for callers who
// hold its key): it shows itself to no other method.

const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PARAMETERS = {
  org: "[a-z0-9][a-z0-9-]{0,49}",
  project: "[A-Za-z0-9][A-Za-z0-9._%-]{0,127}",
  repo: "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
  repository: "[A-Za-z0-9][A-Za-z0-9._%-]{0,127}",
  // The areas whose locations patgate serves (see locations.js).
  area: "(?:location|core|build|git)",
  areaId: GUID,
  id: GUID,
  user: "[a-z0-9_-]{1,64}",
  // A device approval's user code as typed (requests.js reads it: case, spaces and dashes aside).
  code: "[A-Za-z0-9 %-]{1,32}",
  "*path": ".+",
};
// Paths compare without case, as Azure DevOps' do (its clients write `_apis/build/Builds`);
// these parameters are names that are lower case wherever patgate keeps them.
const LOWER = ["org", "areaId", "id", "user"];

function compile(template) {
  const source = template.replace(/[.]/g, "\\.").replace(/\{([*A-Za-z]+)\}/g, (_, name) => {
    if (!Object.hasOwn(PARAMETERS, name)) throw new Error(`route ${template}: unknown parameter {${name}}`);
    return `(?<${name.replace("*", "")}>${PARAMETERS[name]})`;
  });
  return new RegExp(`^${source}$`, "i");
}

export class Router {
  constructor() {
    this.routes = [];
  }

  /** Adds a route; `access` is one of the access kinds the caller defines. */
  on(method, template, access, handler, options = {}) {
    this.routes.push({ method, template, pattern: compile(template), access, handler, ...options });
    return this;
  }

  /**
   * The route for a request: `{ route, params }`, `{ allow }` (the path exists with other
   * methods) or null. HEAD is served by a GET route.
   */
  match(method, pathname) {
    const allow = new Set();
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      if (route.method === method || (method === "HEAD" && route.method === "GET")) {
        const params = { ...m.groups };
        for (const name of LOWER) if (params[name] !== undefined) params[name] = params[name].toLowerCase();
        return { route, params };
      }
      if (route.hidden) continue;
      allow.add(route.method);
      if (route.method === "GET") allow.add("HEAD");
    }
    return allow.size ? { allow: [...allow].join(", ") } : null;
  }
}
