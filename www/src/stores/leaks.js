// Leak reports' writes: a reported token flagged (and revoked, by the policy), or a replaced
// secret's grace ended, each with its owner's notice and audit entry, all or nothing.
import { audit } from "./audit.js";
import { all, statement } from "./db.js";
import { noticeStatement } from "./notifications.js";
import { NOT_REVOKED_AT } from "./status.js";
import { TOKEN_COLUMNS } from "./tokens.js";

/** Tokens whose current or regenerated-away digest is one of `digests`. */
export const tokensByDigests = (env, digests) =>
  digests.length === 0
    ? []
    : all(env, `SELECT ${TOKEN_COLUMNS}, digest, previous_digest FROM tokens
        WHERE digest IN (SELECT value FROM json_each(:digests)) OR previous_digest IN (SELECT value FROM json_each(:digests))`, { digests: JSON.stringify(digests) });

/**
 * A leak notice's `cycle`: one notice per leaked secret and outcome. The current secret's is
 * twice its validFrom (a regeneration makes a new secret and a new validFrom), plus one when the
 * report revoked the token (a token flagged first and revoked by a later report is told both
 * times); a previous secret in its grace is its grace end, negated.
 */
const leakCycle = (row, { previous, revoke }) => (previous ? -row.previousUntil : 2 * row.validFrom + (revoke ? 1 : 0));

/**
 * Records a report of a token's current secret: the token is flagged with where it was found
 * (the first report of this secret; a regeneration clears it), revoked when `revoke`, its owner
 * told and the report audited.
 */
export async function recordLeak(env, now, row, { source, url, revoke, notice }) {
  await env.DB.batch([
    statement(
      env,
      `UPDATE tokens SET leaked_at = COALESCE(leaked_at, :now), leak_source = COALESCE(leak_source, :source), leak_url = COALESCE(leak_url, :url),
              revoked_at = CASE WHEN :revoke = 1 AND ${NOT_REVOKED_AT} THEN :now ELSE revoked_at END,
              previous_until = CASE WHEN :revoke = 1 THEN NULL ELSE previous_until END, updated_at = :now
        WHERE id = :id`,
      { now, source, url, revoke: revoke ? 1 : 0, id: row.id },
    ),
    noticeStatement(env, now, { userId: row.owner, tokenId: row.id, kind: "leaked", cycle: leakCycle(row, { revoke }), message: notice }),
    audit(env, now, { action: revoke ? "token.leaked.revoked" : "token.leaked", subject: row.owner, tokenId: row.id, detail: { source, url } }),
  ]);
}

/**
 * Records a report of a token's previous secret, still in its grace after a regeneration: with
 * `revoke`, the grace ends now (that secret stops; the current one, which the leak did not
 * touch, keeps working); either way its owner is told and the report audited.
 */
export async function recordPreviousLeak(env, now, row, { source, url, revoke, notice }) {
  await env.DB.batch([
    statement(
      env,
      `UPDATE tokens SET previous_digest = NULL, previous_until = NULL, updated_at = :now
        WHERE id = :id AND :revoke = 1 AND previous_digest = :previous`,
      { now, id: row.id, revoke: revoke ? 1 : 0, previous: row.previousDigest },
    ),
    noticeStatement(env, now, { userId: row.owner, tokenId: row.id, kind: "leaked", cycle: leakCycle(row, { previous: true }), message: notice }),
    audit(env, now, { action: revoke ? "token.leaked.graceEnded" : "token.leaked.previous", subject: row.owner, tokenId: row.id, detail: { source, url } }),
  ]);
}
