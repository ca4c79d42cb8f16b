/**
 * Generates a token from `crypto.getRandomValues` (drawn a block at a time, each byte used
 * once), with its digest and hint. Throws if the prefix is invalid or no secure random source
 * exists.
 */
export function generateToken(prefix?: string | null): GeneratedToken;
