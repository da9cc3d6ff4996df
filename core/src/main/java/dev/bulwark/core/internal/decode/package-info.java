/**
 * Decoders that turn an encoded request value into the form the rules inspect, recording every
 * layer they undo as a {@link dev.bulwark.core.DecodingFlag}: percent-encoding (repeated up to a
 * depth), strict UTF-8, path normalisation, HTML character references and JavaScript escapes.
 *
 * <p>Every decoder runs in time linear in its input, uses no regular expressions and never throws
 * on hostile input: what cannot be decoded is kept (or replaced by U+FFFD) and flagged. Nothing here
 * accepts or returns {@code null}. Not API.
 */
package dev.bulwark.core.internal.decode;
