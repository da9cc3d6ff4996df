/**
 * Decoders that turn an encoded request value into the form the rules inspect, recording every
 * layer they undo as a {@link dev.bulwark.core.DecodingFlag}: percent-encoding (repeated up to a
 * depth), strict UTF-8 and path normalisation. The escape and entity decoding detectors apply to single
 * values lives in the toolkit ({@code rules.Unescaper}, {@code rules.HtmlEntities}).
 *
 * <p>Every decoder runs in time linear in its input, uses no regular expressions and never throws
 * on hostile input: what cannot be decoded is kept (or replaced by U+FFFD) and flagged. Nothing here
 * accepts or returns {@code null}. Not API.
 */
package dev.bulwark.core.internal.decode;
