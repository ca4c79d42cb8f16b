// Azure DevOps' location service, as its own clients use it: before a call they ask where each
// resource lives (OPTIONS /{org}/_apis[/{area}]) and which resource areas the server has
// (GET /{org}/_apis/ResourceAreas), then expand the route template of the location id they
// know and send `api-version` in Accept. These are Microsoft's ids for the resources patgate
// serves, with the versions it implements; `api-version` is checked against them as Azure DevOps
// checks it.
import { HttpError, fieldValue } from "./http.js";

export const LOCATIONS = Object.freeze([
  { id: "e81700f7-3be2-46de-8624-2eb35882fcaa", area: "Location", resourceName: "ResourceAreas", routeTemplate: "_apis/{resource}/{areaId}", resourceVersion: 1, minVersion: "3.2", maxVersion: "7.2", releasedVersion: "0.0" },
  { id: "603fe2ac-9723-48b9-88ad-09305aa6c6e1", area: "core", resourceName: "projects", routeTemplate: "_apis/{resource}/{*projectId}", resourceVersion: 4, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" },
  { id: "0cd358e1-9217-4d94-8269-1c1ee6f93dcf", area: "build", resourceName: "Builds", routeTemplate: "{project}/_apis/build/{resource}/{buildId}", resourceVersion: 7, minVersion: "2.0", maxVersion: "7.2", releasedVersion: "7.1" },
  { id: "225f7195-f9c7-4d14-ab28-a83f7ff77e1f", area: "git", resourceName: "repositories", routeTemplate: "{project}/_apis/git/{resource}/{repositoryId}", resourceVersion: 2, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" },
].map(Object.freeze));

/**
 * The versions of the PAT lifecycle and token administration APIs, as Microsoft's OpenAPI files
 * have them: the PAT API has only ever been a preview (6.1-preview.1 to 7.2-preview.1); token
 * administration was released in 7.1 and previews 7.2. Not in the location service: its
 * clients send a PAT, which these routes refuse.
 */
export const API_VERSIONS = Object.freeze({
  tokens: Object.freeze({ minVersion: "6.1", maxVersion: "7.2", releasedVersion: "0.0" }),
  tokenAdmin: Object.freeze({ minVersion: "5.0", maxVersion: "7.2", releasedVersion: "7.1" }),
});

/** Resource areas (Microsoft's ids) and the location id of the resource each serves here. */
const AREAS = Object.freeze([
  { id: "79134c72-4a58-4b42-976c-04e7115f32bf", name: "core" },
  { id: "965220d5-5bb9-42cf-8d67-9b146df2a5a4", name: "build" },
  { id: "4e080c62-fa21-4fbc-8fef-2a10a2b38049", name: "git" },
]);

export const LOCATION = Object.freeze(Object.fromEntries(LOCATIONS.map((l) => [l.area.toLowerCase(), l])));

/** `OPTIONS /{org}/_apis[/{area}]`: every location, or an area's (names compare without case). */
export function locations(area) {
  const value = area === undefined ? LOCATIONS : LOCATIONS.filter((l) => l.area.toLowerCase() === area.toLowerCase());
  return { count: value.length, value };
}

/** `GET /{org}/_apis/ResourceAreas[/{areaId}]`, as a server whose areas all live at one address answers. */
export function resourceAreas(orgUrl, areaId) {
  const value = AREAS.map((a) => ({ id: a.id, name: a.name, locationUrl: orgUrl }));
  if (areaId === undefined) return { count: value.length, value };
  return value.find((a) => a.id === areaId.toLowerCase()) ?? null;
}

const VERSION = /^(\d{1,2})\.(\d{1,2})(-preview(?:\.(\d{1,3}))?)?$/;
const LATEST = "7.2";
/** A version as one comparable number: major and minor compared as integers (7.10 is not 7.1). */
const number = (text) => {
  const [major, minor] = text.split(".");
  return Number(major) * 1000 + Number(minor);
};

/**
 * The request's api-version (the query's `api-version`, else Accept's `api-version=` parameter),
 * checked against `location` (its min, max and released versions) as Azure DevOps checks it:
 * malformed or out of range is a 400; above the released version it must say `-preview`.
 * No version at all is accepted (patgate's own clients, curl). Returns the version or null.
 */
export function apiVersion(url, headers, location) {
  let text = url.searchParams.get("api-version");
  if (text === null) {
    const accept = (fieldValue(headers, "accept") ?? "").slice(0, 512);
    text = /(?:^|[;,\s])api-version\s*=\s*([^;,\s]+)/i.exec(accept)?.[1] ?? null;
  }
  if (text === null) return null;
  const m = VERSION.exec(text);
  if (!m) {
    // Not quoted: it is the client's text, and whatever was pasted there must not come back.
    throw new HttpError(400, "VssInvalidApiVersionException", `The api-version is not valid: use a version such as ${LATEST} or ${LATEST}-preview.1.`, { field: "api-version" });
  }
  const asked = number(`${m[1]}.${m[2]}`);
  const min = number(location?.minVersion ?? "1.0");
  const max = number(location?.maxVersion ?? LATEST);
  if (asked < min || asked > max) {
    throw new HttpError(400, "VssVersionOutOfRangeException", `The requested REST API version of ${m[1]}.${m[2]} is out of range for this server. The latest REST API version for this server is ${location?.maxVersion ?? LATEST}.`, { field: "api-version" });
  }
  if (location && !m[3] && asked > number(location.releasedVersion)) {
    throw new HttpError(400, "VssInvalidPreviewVersionException", `The requested version "${text}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${text}-preview"`, { field: "api-version" });
  }
  return text;
}
