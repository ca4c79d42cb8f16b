
export class GateCore {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        GateCoreFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_gatecore_free(ptr, 0);
    }
    /**
     * Parses and checks an `Authorization` value. Accepted: `"b"` (Basic) or `"B"` (Bearer),
     * the digest to look up, a space (base64url has none), then Basic's user-id. Refused: the
     * reason's code, a number.
     * @param {string | null} [authorization]
     * @returns {any}
     */
    authenticate(authorization) {
        var ptr0 = isLikeNone(authorization) ? 0 : passStringToWasm0(authorization, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.gatecore_authenticate(this.__wbg_ptr, ptr0, len0);
        return ret;
    }
    /**
     * The codes the wrapper reads answers by, from the core: `granted` and `unknown` (reason
     * codes), `noScope` (the required-scope index that asks for none).
     * @returns {any}
     */
    static codes() {
        const ret = wasm.gatecore_codes();
        return ret;
    }
    /**
     * The reason code for a request: the presented digest and the record found under it (its
     * digest, compared in constant time; its scope list, read by the gate's catalog; its
     * lifespan, `revokedAt` absent when not revoked; the secret a regeneration replaced, with
     * its grace end, absent when none; its organizations, one per line: one
     * string crosses where a list would cross one per name; for a token of all organizations,
     * the policy on them as it applies to its owner), the organization of
     * the resource (absent: none), the required scope's index (`scopeIndex`, or 0xFFFFFFFF for
     * none) and now.
     * @param {string} presented
     * @param {string} stored
     * @param {string} scope
     * @param {number} validFrom
     * @param {number} validTo
     * @param {number | null | undefined} revokedAt
     * @param {string | null | undefined} previousDigest
     * @param {number | null | undefined} previousUntil
     * @param {string} organizations
     * @param {string | null | undefined} globalTokens
     * @param {string | null | undefined} organization
     * @param {number} required
     * @param {number} now
     * @returns {number}
     */
    judge(presented, stored, scope, validFrom, validTo, revokedAt, previousDigest, previousUntil, organizations, globalTokens, organization, required, now) {
        const val8 = +validFrom;
        const val9 = +validTo;
        const val10 = +(isLikeNone(revokedAt) ? 0 : revokedAt);
        const val11 = +(isLikeNone(previousUntil) ? 0 : previousUntil);
        const val12 = +required;
        const val13 = +now;
        let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5, ptr6, len6;
        try {
            ptr0 = passStringToWasm0(presented, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(stored, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = passStringToWasm0(scope, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len2 = WASM_VECTOR_LEN;
            ptr3 = isLikeNone(previousDigest) ? 0 : passStringToWasm0(previousDigest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len3 = WASM_VECTOR_LEN;
            ptr4 = passStringToWasm0(organizations, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len4 = WASM_VECTOR_LEN;
            ptr5 = isLikeNone(globalTokens) ? 0 : passStringToWasm0(globalTokens, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len5 = WASM_VECTOR_LEN;
            ptr6 = isLikeNone(organization) ? 0 : passStringToWasm0(organization, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len6 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr6) { wasm.__wbindgen_free(ptr6, len6 * 1, 1); }
            if (ptr5) { wasm.__wbindgen_free(ptr5, len5 * 1, 1); }
            if (ptr4) { wasm.__wbindgen_free(ptr4, len4 * 1, 1); }
            if (ptr3) { wasm.__wbindgen_free(ptr3, len3 * 1, 1); }
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.gatecore_judge(this.__wbg_ptr, ptr0, len0, ptr1, len1, ptr2, len2, val8, val9, !isLikeNone(revokedAt), val10, ptr3, len3, !isLikeNone(previousUntil), val11, ptr4, len4, ptr5, len5, ptr6, len6, val12, val13);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * A gate for `options.prefix` (default `pat`), `realm` (default `patgate`),
     * `maxHeaderBytes` (default 8192), an optional `pepper` (bytes, at least 16, or a
     * base64url string of at least 32 bytes) and an optional catalog of the deployment's own
     * `scopes` (default: Azure DevOps').
     * @param {GateOptions | null} [options]
     */
    constructor(options) {
        const ret = wasm.gatecore_new(isLikeNone(options) ? 0 : addToExternrefTable0(options));
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        GateCoreFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * The index of scope `name` in the gate's catalog (what `judge` takes). Throws for a name
     * the catalog does not have.
     * @param {string} name
     * @returns {number}
     */
    scopeIndex(name) {
        const ptr0 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.gatecore_scopeIndex(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] >>> 0;
    }
    /**
     * The refusal verdict for a reason code and required scope, to be built once and kept.
     * @param {number} code
     * @param {number} required
     * @returns {Refusal}
     */
    verdictOf(code, required) {
        const ret = wasm.gatecore_verdictOf(this.__wbg_ptr, code, required);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * The hot path when the stored digest is already at hand: parses, checks, digests and
     * compares in constant time, in one call. Returns 200 when `authorization` carries the
     * token whose (peppered) digest is `digest`, otherwise 400, 401 or 431.
     * @param {string | null | undefined} authorization
     * @param {string} digest
     * @returns {number}
     */
    verify(authorization, digest) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = isLikeNone(authorization) ? 0 : passStringToWasm0(authorization, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(digest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.gatecore_verify(this.__wbg_ptr, ptr0, len0, ptr1, len1);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
}
if (Symbol.dispose) GateCore.prototype[Symbol.dispose] = GateCore.prototype.free;

export class Policy {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        PolicyFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_policy_free(ptr, 0);
    }
    /**
     * A new token with `scope` (a space-separated list), valid from `now` until `validTo`, for
     * `organization` (a name, or null for all of the owner's organizations; required).
     * @param {EpochMillis} now
     * @param {string} scope
     * @param {EpochMillis} validTo
     * @param {string | null} organization
     * @returns {PolicyOutcome}
     */
    create(now, scope, validTo, organization) {
        const val2 = +now;
        const val3 = +validTo;
        const ptr0 = passStringToWasm0(scope, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.policy_create(this.__wbg_ptr, val2, ptr0, len0, val3, organization);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * An edit of `token`: `scope`, `validTo` and `organization` when changed (else kept; an
     * organization of null is all of the owner's, as is the token's own when it has none),
     * checked against the policy in force. Revoked and expired tokens cannot be edited.
     * @param {EpochMillis} now
     * @param {StoredToken} token
     * @param {string | null | undefined} scope
     * @param {number | null | undefined} validTo
     * @param {string | null} [organization]
     * @returns {PolicyOutcome}
     */
    edit(now, token, scope, validTo, organization) {
        const val2 = +now;
        const val3 = +(isLikeNone(validTo) ? 0 : validTo);
        var ptr0 = isLikeNone(scope) ? 0 : passStringToWasm0(scope, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.policy_edit(this.__wbg_ptr, val2, token, ptr0, len0, !isLikeNone(validTo), val3, organization);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Tokens for all organizations: `allowed`, `restricted` or `retired` (as this user has it).
     * @returns {string}
     */
    get globalTokens() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.policy_globalTokens(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * The latest `validTo` for a token starting at `from`.
     * @param {EpochMillis} from
     * @returns {EpochMillis}
     */
    latestValidTo(from) {
        const ret = wasm.policy_latestValidTo(this.__wbg_ptr, from);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * The policy's maximum lifespan in days.
     * @returns {number}
     */
    get maxLifespanDays() {
        const ret = wasm.policy_maxLifespanDays(this.__wbg_ptr);
        return ret >>> 0;
    }
    /**
     * A policy allowing lifespans of at most `maxLifespanDays` (1..365; throws otherwise) and,
     * when `restrictFullAccess`, refusing full-access tokens; scope lists are read by
     * `options.scopes` (a deployment's own catalog, as a Gate takes it) or Azure DevOps' catalog;
     * `options.globalTokens` (`allowed`, the default, `restricted` or `retired`) governs tokens
     * for all organizations; `options.exempt` names the policies whose allowlist the user is on
     * (`fullAccess`, `lifespan`, `globalTokens`), which then do not apply to them;
     * `options.organizations` lists the user's organizations whose policy restricts token
     * creation (`{ name, restrictCreation, allowPackaging?, exempt? }`: only allowlisted users,
     * `exempt`, may make tokens acting there; with `allowPackaging`, everyone packaging-only ones).
     * @param {number | null | undefined} maxLifespanDays
     * @param {boolean} restrictFullAccess
     * @param {PolicyOptions | null} [options]
     */
    constructor(maxLifespanDays, restrictFullAccess, options) {
        const val1 = +(isLikeNone(maxLifespanDays) ? 0 : maxLifespanDays);
        const val2 = +restrictFullAccess;
        const ret = wasm.policy_new(!isLikeNone(maxLifespanDays), val1, val2, isLikeNone(options) ? 0 : addToExternrefTable0(options));
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        PolicyFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * A new secret for `token`, valid from `now` until `validTo` (default: its old lifespan,
     * cut to the maximum); the old secret works on for `graceMinutes` (0..1440) only if it is live.
     * @param {EpochMillis} now
     * @param {StoredToken} token
     * @param {number | null} [validTo]
     * @param {number | null} [graceMinutes]
     * @returns {PolicyOutcome}
     */
    regenerate(now, token, validTo, graceMinutes) {
        const ret = wasm.policy_regenerate(this.__wbg_ptr, now, token, !isLikeNone(validTo), isLikeNone(validTo) ? 0 : validTo, !isLikeNone(graceMinutes), isLikeNone(graceMinutes) ? 0 : graceMinutes);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Whether full-access tokens are refused.
     * @returns {boolean}
     */
    get restrictFullAccess() {
        const ret = wasm.policy_restrictFullAccess(this.__wbg_ptr);
        return ret !== 0;
    }
}
if (Symbol.dispose) Policy.prototype[Symbol.dispose] = Policy.prototype.free;

/**
 * Checks a token offline (prefix, length, alphabet, checksum). Throws only for a bad prefix.
 * @param {string} token
 * @param {string | null} [prefix]
 * @returns {TokenCheck}
 */
export function checkToken(token, prefix) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(token, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(prefix) ? 0 : passStringToWasm0(prefix, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.checkToken(ptr0, len0, ptr1, len1);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * Whether `text` holds a token of `prefix` (default `pat`) anywhere, as a word of its own
 * (format and checksum; a URL's path and query in one call). Throws only for a bad prefix.
 * @param {string} text
 * @param {string | null} [prefix]
 * @returns {boolean}
 */
export function containsToken(text, prefix) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(prefix) ? 0 : passStringToWasm0(prefix, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.containsToken(ptr0, len0, ptr1, len1);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return ret[0] !== 0;
}

/**
 * The digest's 32 bytes in lower-case hex (GitHub's `token_hash`). Throws unless `digest` is one.
 * @param {string} digest
 * @returns {string}
 */
export function digestHex(digest) {
    let deferred3_0;
    let deferred3_1;
    try {
        const ptr0 = passStringToWasm0(digest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.digestHex(ptr0, len0);
        var ptr2 = ret[0];
        var len2 = ret[1];
        if (ret[3]) {
            ptr2 = 0; len2 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred3_0 = ptr2;
        deferred3_1 = len2;
        return getStringFromWasm0(ptr2, len2);
    } finally {
        wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
}

/**
 * `Basic base64(username ":" token)`; the username defaults to empty, as Azure DevOps uses.
 * Throws unless `token` is a token.
 * @param {string} token
 * @param {string | null} [username]
 * @returns {string}
 */
export function formatBasic(token, username) {
    let deferred4_0;
    let deferred4_1;
    try {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(token, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = isLikeNone(username) ? 0 : passStringToWasm0(username, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.formatBasic(ptr0, len0, ptr1, len1);
        var ptr3 = ret[0];
        var len3 = ret[1];
        if (ret[3]) {
            ptr3 = 0; len3 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred4_0 = ptr3;
        deferred4_1 = len3;
        return getStringFromWasm0(ptr3, len3);
    } finally {
        wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
    }
}

/**
 * `Bearer token`. Throws unless `token` is a token.
 * @param {string} token
 * @returns {string}
 */
export function formatBearer(token) {
    let deferred3_0;
    let deferred3_1;
    try {
        const ptr0 = passStringToWasm0(token, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.formatBearer(ptr0, len0);
        var ptr2 = ret[0];
        var len2 = ret[1];
        if (ret[3]) {
            ptr2 = 0; len2 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred3_0 = ptr2;
        deferred3_1 = len2;
        return getStringFromWasm0(ptr2, len2);
    } finally {
        wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
}

/**
 * Tokens for all organizations as `state` (`allowed`, `restricted`, `retired`) applies to a user
 * on its allowlist (`exempt`) or not: what a gate's record says of a global token's owner.
 * @param {string} state
 * @param {boolean} exempt
 * @returns {string}
 */
export function globalTokensFor(state, exempt) {
    let deferred4_0;
    let deferred4_1;
    try {
        const val2 = +exempt;
        const ptr0 = passStringToWasm0(state, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.globalTokensFor(ptr0, len0, val2);
        var ptr3 = ret[0];
        var len3 = ret[1];
        if (ret[3]) {
            ptr3 = 0; len3 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred4_0 = ptr3;
        deferred4_1 = len3;
        return getStringFromWasm0(ptr3, len3);
    } finally {
        wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
    }
}

/**
 * When a secret a regeneration replaced stops working (`previousUntil`), if it still works
 * at `now`; else `null` (its grace is over, or the token no longer works).
 * @param {EpochMillis} validFrom
 * @param {EpochMillis} validTo
 * @param {number | null | undefined} revokedAt
 * @param {number | null | undefined} previousUntil
 * @param {EpochMillis} now
 * @returns {EpochMillis | null}
 */
export function graceUntil(validFrom, validTo, revokedAt, previousUntil, now) {
    const ret = wasm.graceUntil(validFrom, validTo, !isLikeNone(revokedAt), isLikeNone(revokedAt) ? 0 : revokedAt, !isLikeNone(previousUntil), isLikeNone(previousUntil) ? 0 : previousUntil, now);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * Whether `text` is a digest as patgate writes them: 43 canonical base64url characters.
 * @param {string} text
 * @returns {boolean}
 */
export function isDigest(text) {
    const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.isDigest(ptr0, len0);
    return ret !== 0;
}

/**
 * Whether `text` could be a token's display hint (its last four characters).
 * @param {string} text
 * @returns {boolean}
 */
export function isHint(text) {
    const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.isHint(ptr0, len0);
    return ret !== 0;
}

/**
 * Parses an `Authorization` value into a credential, or the verdict for a bad one.
 * @param {string | null} [value]
 * @param {number | null} [maxHeaderBytes]
 * @returns {ParsedAuthorization}
 */
export function parseAuthorization(value, maxHeaderBytes) {
    const val2 = +(isLikeNone(maxHeaderBytes) ? Number.MAX_SAFE_INTEGER : (maxHeaderBytes) >>> 0);
    var ptr0 = isLikeNone(value) ? 0 : passStringToWasm0(value, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    var len0 = WASM_VECTOR_LEN;
    const ret = wasm.parseAuthorization(ptr0, len0, val2);
    return ret;
}

/**
 * `HMAC-SHA-256(pepper, digest)`: the stored form of a received digest. Throws on a malformed
 * digest or pepper (bytes of at least 16, or base64url text of at least 32 bytes).
 * @param {string} digest
 * @param {Pepper} pepper
 * @returns {string}
 */
export function pepperDigest(digest, pepper) {
    let deferred3_0;
    let deferred3_1;
    try {
        const ptr0 = passStringToWasm0(digest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.pepperDigest(ptr0, len0, pepper);
        var ptr2 = ret[0];
        var len2 = ret[1];
        if (ret[3]) {
            ptr2 = 0; len2 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred3_0 = ptr2;
        deferred3_1 = len2;
        return getStringFromWasm0(ptr2, len2);
    } finally {
        wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
}

/**
 * Whether the scopes `granted` (a stored list) grant `required`. Throws on an unknown `required`.
 * @param {string} granted
 * @param {string} required
 * @returns {boolean}
 */
export function scopesGrant(granted, required) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(granted, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(required, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.scopesGrant(ptr0, len0, ptr1, len1);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return ret[0] !== 0;
}

/**
 * Whether the scopes `granted` (a stored list) grant any scope of `rule` (a revocation rule's
 * list; `app_token` in it matches full-access tokens). Throws unless `rule` is a valid list.
 * @param {string} granted
 * @param {string} rule
 * @returns {boolean}
 */
export function scopesGrantAny(granted, rule) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(granted, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(rule, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.scopesGrantAny(ptr0, len0, ptr1, len1);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return ret[0] !== 0;
}

/**
 * Whether everything the scopes `list` grant, `other` (a stored list) grants too: a narrowing,
 * or the same. Throws unless `list` is a valid list.
 * @param {string} list
 * @param {string} other
 * @returns {boolean}
 */
export function scopesWithin(list, other) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(list, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(other, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.scopesWithin(ptr0, len0, ptr1, len1);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return ret[0] !== 0;
}

/**
 * `SHA-256(token)` as 43 base64url characters.
 * @param {string} token
 * @returns {string}
 */
export function tokenDigest(token) {
    let deferred2_0;
    let deferred2_1;
    try {
        const ptr0 = passStringToWasm0(token, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.tokenDigest(ptr0, len0);
        deferred2_0 = ret[0];
        deferred2_1 = ret[1];
        return getStringFromWasm0(ret[0], ret[1]);
    } finally {
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
}

/**
 * A token's status at `now`: `active`, `revoked`, `expired` or `notYetValid`.
 * @param {EpochMillis} validFrom
 * @param {EpochMillis} validTo
 * @param {number | null | undefined} revokedAt
 * @param {EpochMillis} now
 * @returns {TokenStatus}
 */
export function tokenStatus(validFrom, validTo, revokedAt, now) {
    let deferred2_0;
    let deferred2_1;
    try {
        const ret = wasm.tokenStatus(validFrom, validTo, !isLikeNone(revokedAt), isLikeNone(revokedAt) ? 0 : revokedAt, now);
        var ptr1 = ret[0];
        var len1 = ret[1];
        if (ret[3]) {
            ptr1 = 0; len1 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
}

/**
 * Validates a space-separated scope list; returns its canonical form and what it implies.
 * @param {string} list
 * @returns {ScopeValidation}
 */
export function validateScopes(list) {
    const ptr0 = passStringToWasm0(list, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.validateScopes(ptr0, len0);
    return ret;
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg___wbindgen_boolean_get_4f1baf9a00be3c74: function(arg0) {
            const v = arg0;
            const ret = typeof(v) === 'boolean' ? v : undefined;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
            const ret = arg0 === null;
            return ret;
        },
        __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
            const val = arg0;
            const ret = typeof(val) === 'object' && val !== null;
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_jsval_eq_38d7bfbe4cc84039: function(arg0, arg1) {
            const ret = arg0 === arg1;
            return ret;
        },
        __wbg___wbindgen_number_get_934b640d0889af78: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'number' ? obj : undefined;
            getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
        },
        __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'string' ? obj : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg_allowPackaging_973d0d564ee27c75: function(arg0) {
            const ret = arg0.allowPackaging;
            return ret;
        },
        __wbg_exempt_3c8b14e5eac26e8d: function(arg0) {
            const ret = arg0.exempt;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_exempt_984c1d8651b6b0ee: function(arg0) {
            const ret = arg0.exempt;
            return ret;
        },
        __wbg_fullAccess_3365e3076bcfe73c: function(arg0) {
            const ret = arg0.fullAccess;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg_get_2080c49015e35254: function() { return handleError(function (arg0, arg1) {
            const ret = Reflect.get(arg0, arg1);
            return ret;
        }, arguments); },
        __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) {
            const ret = arg0[arg1 >>> 0];
            return ret;
        },
        __wbg_globalTokens_05ecfd0dfaf5c1c0: function(arg0) {
            const ret = arg0.globalTokens;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg_globalTokens_064c5a0dcba2fb35: function(arg0, arg1) {
            const ret = arg1.globalTokens;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg_instanceof_ArrayBuffer_12cdaa4161423e6b: function(arg0) {
            let result;
            try {
                result = arg0 instanceof ArrayBuffer;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_instanceof_Uint8Array_d7aeb0dcb3108fea: function(arg0) {
            let result;
            try {
                result = arg0 instanceof Uint8Array;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_isArray_bcf1376d0d732d08: function(arg0) {
            const ret = Array.isArray(arg0);
            return ret;
        },
        __wbg_keys_105f5c0857898f84: function(arg0) {
            const ret = Object.keys(arg0);
            return ret;
        },
        __wbg_length_186163212ffe79c3: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_length_b03a0fabb109b1e9: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_lifespan_a6256b05fcfc4370: function(arg0) {
            const ret = arg0.lifespan;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg_maxHeaderBytes_4ca579f642a03ee9: function(arg0) {
            const ret = arg0.maxHeaderBytes;
            return isLikeNone(ret) ? Number.MAX_SAFE_INTEGER : (ret) >>> 0;
        },
        __wbg_name_62dbbd3a9e66700a: function(arg0) {
            const ret = arg0.name;
            return ret;
        },
        __wbg_new_13de428334042d26: function(arg0) {
            const ret = new Uint8Array(arg0);
            return ret;
        },
        __wbg_new_37eb45aaf5eeb820: function() {
            const ret = new Array();
            return ret;
        },
        __wbg_new_cd4348290afae586: function() {
            const ret = new Object();
            return ret;
        },
        __wbg_organization_30e4c0e61c6b1780: function(arg0) {
            const ret = arg0.organization;
            return ret;
        },
        __wbg_organizations_1b5716358cf39fed: function(arg0) {
            const ret = arg0.organizations;
            return ret;
        },
        __wbg_pepper_5e94f6dc0649d6ad: function(arg0) {
            const ret = arg0.pepper;
            return ret;
        },
        __wbg_prefix_42bff5c109629454: function(arg0, arg1) {
            const ret = arg1.prefix;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg_prototypesetcall_13162965d1fe7aa3: function(arg0, arg1, arg2) {
            Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), arg2);
        },
        __wbg_push_c9f4893fc209f768: function(arg0, arg1) {
            const ret = arg0.push(arg1);
            return ret;
        },
        __wbg_realm_1d61a0d44fcaaed7: function(arg0, arg1) {
            const ret = arg1.realm;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg_restrictCreation_1cd673c1b84068e6: function(arg0) {
            const ret = arg0.restrictCreation;
            return ret;
        },
        __wbg_revokedAt_a11411e0aab83b46: function(arg0) {
            const ret = arg0.revokedAt;
            return ret;
        },
        __wbg_scope_325d8ee646373704: function(arg0) {
            const ret = arg0.scope;
            return ret;
        },
        __wbg_scopes_44281d40b4177143: function(arg0) {
            const ret = arg0.scopes;
            return ret;
        },
        __wbg_scopes_6e8f4acc238568c5: function(arg0) {
            const ret = arg0.scopes;
            return ret;
        },
        __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.set(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_validFrom_fba96a04e5869f96: function(arg0) {
            const ret = arg0.validFrom;
            return ret;
        },
        __wbg_validTo_b0174f4266144142: function(arg0) {
            const ret = arg0.validTo;
            return ret;
        },
        __wbindgen_generic_0000000000000001: function(arg0) {
            // Cast intrinsic for `F64 -> Externref`.
            const ret = arg0;
            return ret;
        },
        __wbindgen_generic_0000000000000002: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./edge_bg.js": import0,
    };
}

const GateCoreFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_gatecore_free(ptr, 1));
const PolicyFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_policy_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
const MAX_SAFARI_DECODE_BYTES = 2146435072;
let numBytesDecoded = 0;
function decodeText(bytes) {
    numBytesDecoded += bytes.length;
    if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
        cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
        cachedTextDecoder.decode();
        numBytesDecoded = bytes.length;
    }
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) {
    wasmInstance = instance;
    wasm = instance.exports;
    wasmModule = module;
    cachedDataViewMemory0 = null;
    cachedUint8ArrayMemory0 = null;
    wasm.__wbindgen_start();
    return wasm;
}

async function __wbg_load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        if (!module.ok) {
            throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
        }

        if (typeof WebAssembly.instantiateStreaming === 'function') {
            try {
                return await WebAssembly.instantiateStreaming(module, imports);
            } catch (e) {
                const validResponse = expectedResponseType(module.type);

                if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                    console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);

                } else { throw e; }
            }
        }

        const bytes = await module.arrayBuffer();
        return await WebAssembly.instantiate(bytes, imports);
    } else {
        const instance = await WebAssembly.instantiate(module, imports);

        if (instance instanceof WebAssembly.Instance) {
            return { instance, module };
        } else {
            return instance;
        }
    }

    function expectedResponseType(type) {
        switch (type) {
            case 'basic': case 'cors': case 'default': return true;
        }
        return false;
    }
}

function initSync(module) {
    if (wasm !== undefined) return wasm;


    if (module !== undefined) {
        if (Object.getPrototypeOf(module) === Object.prototype) {
            ({module} = module)
        } else {
            console.warn('using deprecated parameters for `initSync()`; pass a single object instead')
        }
    }

    const imports = __wbg_get_imports();
    if (!(module instanceof WebAssembly.Module)) {
        module = new WebAssembly.Module(module);
    }
    const instance = new WebAssembly.Instance(module, imports);
    return __wbg_finalize_init(instance, module);
}

let __wbg_init_promise;
async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (__wbg_init_promise === undefined) {
        __wbg_init_promise = __wbg_init_once(module_or_path);
        __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
    }
    return __wbg_init_promise;
}

async function __wbg_init_once(module_or_path) {

    if (module_or_path !== undefined) {
        if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
            ({module_or_path} = module_or_path)
        } else {
            console.warn('using deprecated parameters for the initialization function; pass a single object instead')
        }
    }

    if (module_or_path === undefined) {
        module_or_path = new URL('edge_bg.wasm', import.meta.url);
    }
    const imports = __wbg_get_imports();

    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
        module_or_path = fetch(module_or_path);
    }

    const { instance, module } = await __wbg_load(await module_or_path, imports);

    return __wbg_finalize_init(instance, module);
}

export { initSync, __wbg_init as default };
