/**
 * What every deny-rule family shares: the contract ({@link Detector}, {@link RuleDefinition},
 * {@link ScanTarget}, {@link DetectionSink}), the base every family's detector extends
 * ({@link RuleFamily}: its key and rule table, given once) and the toolkit each family builds on,
 * so that a family package holds only its detector, its rule table and its own lexer or scanner.
 *
 * <p>The toolkit: ASCII classes and case folding ({@link Ascii}, {@link AsciiSet}), the value
 * helpers of the smaller families ({@link Text}), jumps from one rare character to the next for
 * scans that act only on a few ({@link CharPositions}), word tables looked up by a range of the text without
 * allocating ({@link Lexicon}, {@link CommandTable}, {@link KeywordSearch}, {@link NameWords}),
 * per-value finding collectors ({@link Findings} reports as it goes, {@link FirstFindings} keeps the
 * first evidence per rule until every reading is done, {@link BestFinding} keeps the strongest,
 * also over the URLs of a value), escape and entity decoding
 * with offsets mapped back to the value ({@link Unescaper}, {@link UnescapedText},
 * {@link HtmlEntities}: one reader of character references, each family with its own name table,
 * {@link Base64Text}), a lexer for code in values ({@link CodeLexer}), URL
 * and host parsing ({@link UrlCursor}, {@link Hosts}), the {@code name=value} pairs of a query or
 * form ({@link FormPairs}, which the request parser splits with too) and the query values of a URL
 * in a header ({@link UrlQueryValues}), upload file names ({@link UploadNames}), log
 * excerpts ({@link Excerpts}) and weakness links ({@link References}).
 *
 * <p>The script-language families ({@code code.node}, {@code code.python}, {@code code.ruby},
 * {@code code.perl}, {@code code.datauri}) share the readings of a value, made once and kept on
 * its {@link ScanTarget}: {@link ScriptPasses} (as sent, unescaped, base64 one level), each a
 * {@link ScriptReading} with its {@link ScriptFeatures} and one {@link ScriptWords} pass; each
 * family then runs its own checks, the token-level ones as a {@link TokenScan} (one pass of a
 * {@link TokenWindow} over the {@link CodeLexer}).
 *
 * <p>Everything here runs in time linear in the length of the value and uses no regular
 * expressions on request data. Family packages depend on this one, never the other way round.
 */
package dev.bulwark.core.internal.rules;
