// A token's status as SQL conditions on its row at `:now`: the core's rule (tokenStatus:
// revocation first, then validFrom inclusive, then validTo exclusive), written once for the
// statements that select by it. tests/www/unit/status.test.mjs checks each condition against the
// core's tokenStatus at random instants and at every boundary, on D1's SQLite.

const NOT_REVOKED = "(revoked_at IS NULL OR revoked_at > :now)";

export const STATUS = Object.freeze({
  active: `${NOT_REVOKED} AND valid_from <= :now AND valid_to > :now`,
  revoked: "(revoked_at IS NOT NULL AND revoked_at <= :now)",
  expired: `${NOT_REVOKED} AND valid_from <= :now AND valid_to <= :now`,
  notYetValid: `${NOT_REVOKED} AND valid_from > :now`,
});

/** Not revoked at `:now` (live, expired or not yet valid): what a revocation may still change. */
export const NOT_REVOKED_AT = NOT_REVOKED;

/** Its lifespan not over at `:now` (validTo exclusive), whatever else it is. */
export const NOT_ENDED = "valid_to > :now";

/** The status as a number that sorts active, not yet valid, expired, revoked. */
export const STATUS_ORDER = `CASE WHEN ${STATUS.revoked} THEN 3 WHEN valid_from > :now THEN 1 WHEN valid_to <= :now THEN 2 ELSE 0 END`;
