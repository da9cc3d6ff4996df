package dev.bulwark.core.config;

/**
 * What to do with content Bulwark cannot inspect: a body or a {@code multipart/form-data} file of
 * binary content (a known binary file format such as PNG, PDF or ZIP, or bytes that are not text
 * under a binary media type such as {@code application/octet-stream}), a body sent with a
 * {@code Content-Encoding} such as {@code gzip}, and text in a charset the JDK does not know. Any
 * other body is inspected, as text at least, whatever media type it declares. Nothing is skipped
 * silently: both policies write an {@code UNINSPECTED} event to the security log.
 *
 * <p>The default is {@link #BLOCK}: content that was not inspected is content an attacker can choose
 * to hide a payload in (a PNG signature in front of a script costs eight bytes), so it is refused
 * unless the service says it expects it. An upload endpoint declares the binary media types it
 * accepts on its route ({@code body: {binary: [image/*]}}, see {@link RouteBody}) instead of turning
 * this policy to {@link #LOG} for the whole service.
 */
public enum UninspectablePolicy {
    /** Block the request (415) and log it. The default. */
    BLOCK,
    /** Let it pass and log an {@code UNINSPECTED} finding. */
    LOG
}
