// generateToken over the full module's generateTokenText: the core makes the token, its digest
// and hint as one string (one crossing), and this makes the object. A factory, as js/gate.js is.

/** `generateToken(prefix?)` over `generateTokenText`. */
export function defineGenerateToken(generateTokenText) {
  return function generateToken(prefix) {
    const [token, digest, hint] = generateTokenText(prefix).split(" ");
    return { token, digest, hint };
  };
}
