// Work without a user: the hourly job (Cloudflare's cron, or the run command's loop) and the
// test clock; and the location service's one handler that is not a table lookup.
import { advance, freeze, now as clock } from "../clock.js";
import { HttpError, apiError, json, readJson } from "../http.js";
import { resourceAreas } from "../locations.js";
import { deliver, scanExpiring } from "../notify.js";
import { expireAudit } from "../retention.js";
import { settings } from "../settings.js";
import { expireRequests } from "../stores/index.js";

/**
 * The hourly job (Cloudflare's cron, or scripts/run.sh's loop locally): the 7-day expiry
 * notices, webhook delivery, the audit log's retention, and tools' token requests past their
 * 15 minutes (expired, audited). Returns what it did.
 */
export async function hourly(env, ctx, now) {
  const { expiryScan, auditRetention } = settings(env);
  const notices = await scanExpiring(env, now, expiryScan);
  ctx.waitUntil(deliver(env, now));
  const auditRemoved = await expireAudit(env, now, auditRetention);
  const requestsExpired = await expireRequests(env, now);
  console.log(`patgate: hourly run recorded ${notices} expiry notice(s); ${auditRemoved} audit entr${auditRemoved === 1 ? "y" : "ies"} past ${auditRetention.days} days removed`);
  return { notices, auditRemoved, requestsExpired };
}

/** Tests move the clock instead of sleeping (only with PATGATE_TEST_CLOCK=true). */
export async function moveClock({ request, env }) {
  const { advanceMs = 0, freeze: frozen } = await readJson(request, ["advanceMs", "freeze"]);
  if (!Number.isInteger(advanceMs) || advanceMs < 0 || advanceMs > 400 * 86_400_000) {
    throw new HttpError(400, "invalid_field", "advanceMs must be a whole number of milliseconds, 0 to 400 days", { field: "advanceMs" });
  }
  if (frozen !== undefined && typeof frozen !== "boolean") throw new HttpError(400, "invalid_field", "freeze must be true or false", { field: "freeze" });
  if (frozen !== undefined) await freeze(env, frozen);
  return json({ offsetMs: await advance(env, advanceMs), now: await clock(env) });
}

export function areaOf({ url, params }) {
  const area = resourceAreas(`${url.origin}/${params.org}/`, params.areaId);
  return area ? json(area) : apiError(404, "VssResourceNotFoundException", `resource area ${params.areaId} is not served here`);
}
