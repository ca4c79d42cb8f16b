// Counters kept in the store: public leak reports per client.
import { LIMITS } from "../settings.js";
import { statement } from "./db.js";

/**
 * Counts a public report from `client` in one atomic statement; expired windows are dropped.
 * Returns the reports in the current window (including this one) and when the window ends.
 */
export async function countReport(env, client, now) {
  const windowMs = LIMITS.reportWindowMs;
  const [, counted] = await env.DB.batch([
    statement(env, "DELETE FROM report_limits WHERE window_start <= :expired", { expired: now - windowMs }),
    statement(env, `INSERT INTO report_limits (client, window_start, count) VALUES (:client, :now, 1)
       ON CONFLICT (client) DO UPDATE SET count = count + 1 RETURNING count, window_start`, { client, now }),
  ]);
  const row = counted.results[0];
  return { reports: row.count, windowEnds: row.window_start + windowMs };
}
