/**
 * Parsers that split a request into the {@link dev.bulwark.core.RequestValue}s that checks
 * inspect: query strings and form bodies, cookies, JSON, {@code multipart/form-data} and XML.
 *
 * <p>Every parser hands its values to a {@link dev.bulwark.core.internal.parse.ValueSink} in
 * document order, a name before its value. It stops at the first violated limit with a
 * {@link dev.bulwark.core.internal.parse.LimitExceededException} (413 for sizes of bodies and
 * parts, 400 for counts, depths and lengths) and at the first thing it cannot parse with a
 * {@link dev.bulwark.core.internal.parse.MalformedRequestException} carrying a stable reason key.
 * Hostile input never makes a parser throw anything else: what the underlying libraries throw is
 * translated, and nothing recurses on the structure of the input, so deep nesting cannot overflow
 * the stack. Ambiguous input that parsers in the wild read differently (duplicate JSON keys,
 * boundaries inside multipart content, a DOCTYPE in XML) is rejected rather than guessed at.
 *
 * <p>Bodies of other media types are judged by their content, not their label:
 * {@link dev.bulwark.core.internal.parse.BinaryFormat} recognises binary files by their signature,
 * {@link dev.bulwark.core.internal.parse.ContentSniffer} tells text from binary bytes and guesses
 * whether text is JSON, XML or a form, for the parsers here to confirm. What is not inspected is
 * returned as {@link dev.bulwark.core.internal.parse.UninspectedContent}, never dropped.
 *
 * <p>Nothing here accepts or returns {@code null}. Not API.
 */
package dev.bulwark.core.internal.parse;
