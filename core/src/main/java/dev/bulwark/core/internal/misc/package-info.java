/**
 * Detectors for the smaller attack families: path traversal and local file access, remote file
 * inclusion, server-side request forgery, LDAP and NoSQL injection, server-side and edge-side
 * includes, XML external entities, CR/LF header injection, scanner fingerprints, and request-level
 * protocol checks (framing, encodings, parameter pollution).
 *
 * <p>Every detector works on one decoded value at a time with hand-written, linear scanners; the
 * word lists they use are static data tables, the decisions are structural (a {@code ..} segment
 * between separators, a URL authority, a filter that closes its enclosing parenthesis, a line
 * break followed by a header field). Nothing here uses regular expressions on request data.
 *
 * <p>All types are stateless and thread-safe. Parameters and return values are non-null unless
 * documented otherwise.
 */
package dev.bulwark.core.internal.misc;
