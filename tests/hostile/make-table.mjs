// Writes headers.json: the hostile Authorization table, concrete (no placeholders), used by
// the Rust core test, the wasm module in Node and Chromium, and HTTP against the worker.
// Run: node tests/hostile/make-table.mjs
import { writeFileSync } from "node:fs";
import { crc32 } from "node:zlib";

const A = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const b62 = (n) => { let s = ""; for (let i = 0; i < 6; i++) { s = A[n % 62] + s; n = Math.floor(n / 62); } return s; };
const make = (prefix, random) => `${prefix}_${random}${b62(crc32(random))}`;

// The one registered token (alice, fabrikam, vso.project) and look-alikes.
const TOKEN = make("pat", "fIkRGaBu5PeKsznMzXQOg3kETH1Sgx");
const FORGED = make("pat", "ForgedButWellFormed0123456789x"); // valid checksum, never registered
const GHP = make("ghp", "fIkRGaBu5PeKsznMzXQOg3kETH1Sgx");
const ACME = make("acme_pat", "fIkRGaBu5PeKsznMzXQOg3kETH1Sgx");
const b64 = (s) => Buffer.from(s, "utf8").toString("base64");
const b64bytes = (bytes) => Buffer.from(bytes).toString("base64");
const basic = (user, token = TOKEN) => `Basic ${b64(`${user}:${token}`)}`;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Sets a padding bit in the last data character: the same bytes, non-canonically encoded. */
function nonCanonical(text) {
  const i = text.replace(/=+$/, "").length - 1;
  if (i === text.length - 1) throw new Error("needs padding");
  return text.slice(0, i) + B64[B64.indexOf(text[i]) + 1] + text.slice(i + 1);
}
const ok = { status: 200, error: null };
const bad = { status: 400, error: "invalid_request" };
const none = { status: 401, error: null };
const invalid = { status: 401, error: "invalid_token" };
const tooBig = { status: 431, error: null };
const trimmed = (why) => ({ ...ok, why: `the HTTP layer removes ${why} (RFC 9110 §5.5 OWS) before the gate parses the value` });
// Rows fetch and node:http refuse to send: the HTTP test writes their bytes raw over a socket.
const raw = (answer, why) => ({ raw: true, ...answer, why });
const latin = "not a Latin-1 byte string, so fetch cannot send it: sent as raw UTF-8 bytes, the scheme is unknown";

const rows = [
  // Valid forms
  ["Azure DevOps :PAT", basic(""), ok],
  ["git anything:PAT", basic("anything"), ok],
  ["Unicode user-id", basic("ａｎｙ名前"), ok],
  ["scheme lower case", `basic ${b64(":" + TOKEN)}`, ok],
  ["scheme upper case", `BASIC ${b64(":" + TOKEN)}`, ok],
  ["several spaces after the scheme", `Basic    ${b64(":" + TOKEN)}`, ok],
  ["Bearer", `Bearer ${TOKEN}`, ok],
  ["bearer mixed case", `bEaReR ${TOKEN}`, ok],
  // No credentials / unknown schemes (RFC 7235): 401 with a challenge, no error code
  ["no header", null, none],
  ["Digest scheme", `Digest username="alice", realm="x"`, none],
  ["Negotiate scheme", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXc=", none],
  ["GitHub's token scheme", `token ${TOKEN}`, none],
  ["Basic with a colon for the space", `Basic:${b64(":" + TOKEN)}`, none],
  ["scheme with a Cyrillic а", `Bаsic ${b64(":" + TOKEN)}`, none, raw(none, latin)],
  ["scheme with a fullwidth Ｂ", `Ｂasic ${b64(":" + TOKEN)}`, none, raw(none, latin)],
  ["scheme with a Kelvin sign", `Bearer\u212A ${TOKEN}`, none, raw(none, latin)],
  ["no-break space after the scheme", `Basic\u00a0${b64(":" + TOKEN)}`, none],
  ["scheme glued to credentials", `Basic${b64(":" + TOKEN)}`, none],
  // Malformed (RFC 7617 / 6750 / 9110 / 4648): 400 invalid_request
  ["empty header", "", bad, raw(none, "workerd drops an empty header value: the worker sees no Authorization and asks for one")],
  ["scheme only", "Basic", bad],
  ["scheme and spaces only", "Basic   ", bad, { ...bad, why: "HTTP strips the trailing spaces: still a scheme without credentials" }],
  ["leading space", ` Basic ${b64(":" + TOKEN)}`, bad, trimmed("leading spaces")],
  ["trailing space", `Basic ${b64(":" + TOKEN)} `, bad, trimmed("trailing spaces")],
  ["tab between scheme and credentials", `Basic\t${b64(":" + TOKEN)}`, bad],
  ["trailing tab", `Basic ${b64(":" + TOKEN)}\t`, bad, trimmed("a trailing tab")],
  ["CR LF injection", `Basic ${b64(":" + TOKEN)}\r\nX-Admin: true`, bad, raw(ok, "on the wire a CR LF ends the header line: the injected text is a header of its own and changes nothing; the Authorization before it is the table's token")],
  ["NUL byte", `Bearer ${TOKEN}\u0000`, bad, raw({ status: 400, error: null, layer: "runtime" }, "workerd's HTTP parser refuses a NUL before the worker runs")],
  ["vertical tab", `Basic\u000b${b64(":" + TOKEN)}`, bad, raw(bad, "fetch refuses the character, so it is sent as raw bytes")],
  ["DEL character", `Bearer ${TOKEN}\u007f`, bad, raw(bad, "fetch refuses the character, so it is sent as raw bytes")],
  ["two credentials, comma", `${basic("")}, Bearer ${TOKEN}`, bad],
  ["two credentials, space", `Bearer ${TOKEN} ${TOKEN}`, bad],
  ["Basic without padding", `Basic ${b64(":" + TOKEN).replace(/=+$/, "")}`, bad],
  ["Basic with extra padding", `Basic ${b64(":" + TOKEN)}==`, bad],
  ["Basic in the url-safe alphabet", `Basic ${b64("?>?:" + TOKEN).replaceAll("/", "_").replaceAll("+", "-")}`, bad],
  ["Basic with non-canonical trailing bits", `Basic ${nonCanonical(b64(":" + TOKEN))}`, bad],
  ["Basic with a space inside the base64", `Basic ${b64(":" + TOKEN).slice(0, 8)} ${b64(":" + TOKEN).slice(8)}`, bad],
  ["Basic just padding", "Basic ====", bad],
  ["Basic without a colon", `Basic ${b64(TOKEN)}`, bad],
  ["Basic decoding to invalid UTF-8", `Basic ${b64bytes([0xff, 0xfe, 0x3a, ...Buffer.from(TOKEN)])}`, bad],
  ["Basic decoding to an overlong UTF-8 NUL", `Basic ${b64bytes([0xc0, 0x80, 0x3a, ...Buffer.from(TOKEN)])}`, bad],
  ["Basic with a NUL in the user-id", basic("a\u0000b"), bad],
  ["Basic with a DEL in the token", `Basic ${b64(":" + TOKEN + "\u007f")}`, bad],
  ["Basic with a newline in the token", `Basic ${b64(":" + TOKEN + "\n")}`, bad],
  ["Bearer with a comma", `Bearer ${TOKEN},`, bad],
  ["Bearer only padding", "Bearer ==", bad],
  ["Bearer with a quote", `Bearer "${TOKEN}"`, bad],
  ["Bearer with Latin-1 letters", `Bearer pat_é${TOKEN.slice(5)}`, bad],
  // Token format (checked before any lookup): 401 invalid_token
  ["second colon stays in the token", basic("user", "pa:ss"), invalid],
  ["colon-terminated token", `Basic ${b64(":" + TOKEN + ":")}`, invalid],
  ["empty token", "Basic Og==", invalid],
  ["user-id only", `Basic ${b64(TOKEN + ":")}`, invalid],
  ["token with trailing space (never trimmed)", `Basic ${b64(":" + TOKEN + " ")}`, invalid],
  ["token with leading space (never trimmed)", `Basic ${b64(": " + TOKEN)}`, invalid],
  ["lower-cased token", `Bearer ${TOKEN.toLowerCase()}`, invalid],
  ["upper-cased token", `Bearer ${TOKEN.toUpperCase()}`, invalid],
  ["truncated token", `Bearer ${TOKEN.slice(0, -1)}`, invalid],
  ["token with one more character", `Bearer ${TOKEN}0`, invalid],
  ["token with padding", `Bearer ${TOKEN}=`, invalid],
  ["one character changed", `Bearer ${TOKEN.slice(0, 10)}${TOKEN[10] === "A" ? "B" : "A"}${TOKEN.slice(11)}`, invalid],
  ["GitHub classic token, wrong deployment", `Bearer ${GHP}`, invalid],
  ["another deployment's prefix", `Bearer ${ACME}`, invalid],
  ["no prefix at all", `Bearer ${TOKEN.slice(4)}`, invalid],
  ["forged token with a valid checksum", `Bearer ${FORGED}`, invalid],
  ["forged token via Basic", basic("admin", FORGED), invalid],
  // Size (8 KiB cap)
  ["exactly 8 KiB", `Bearer ${"A".repeat(8192 - 7)}`, invalid],
  ["8 KiB + 1", `Bearer ${"A".repeat(8192 - 6)}`, tooBig],
  ["1 MiB header", { prefix: "Bearer ", repeat: "A", count: 1 << 20 }, tooBig, { ...tooBig, status: 431, why: "workerd refuses the request before the worker: any 4xx that is not a success is accepted", anyRefusal: true }],
  ["1 MiB Basic", { prefix: "Basic ", repeat: "QUFB", count: 1 << 18 }, tooBig, { ...tooBig, anyRefusal: true }],
];

const table = rows.map(([name, header, expect, http]) => ({
  name,
  header: typeof header === "object" && header !== null ? null : header,
  repeat: typeof header === "object" && header !== null ? header : undefined,
  expect: { status: expect.status, error: expect.error },
  ...(http ? { http } : {}),
}));
const httpOnly = [
  { name: "token in the query string", query: `access_token=${TOKEN}`, header: null, expect: bad },
  { name: "token in the query string with a valid header too", query: `token=${TOKEN}`, header: basic(""), expect: bad },
  { name: "two Authorization headers", multi: [basic(""), `Bearer ${FORGED}`], expect: bad },
];
writeFileSync(new URL("./headers.json", import.meta.url), JSON.stringify({ token: TOKEN, forged: FORGED, rows: table, httpOnly }, null, 1) + "\n");
console.log(`${table.length} rows for every layer, ${httpOnly.length} for HTTP only`);
