package dev.bulwark.core.config;

/**
 * What to do with content Bulwark cannot inspect: a body or a {@code multipart/form-data} file of
 * binary content (bytes that do not read as text, whatever media type they declare; a file
 * signature alone does not make text binary), a body sent with a
 * {@code Content-Encoding} such as {@code gzip}, and text in a charset the JDK does not know. Any
 * other body is inspected, as text at least, whatever media type it declares. Nothing is skipped
 * silently: both policies write an {@code UNINSPECTED} event to the security log.
 *
 * <p>The default is {@link #LOG}: binary uploads (images, documents) are everyday traffic that an
 * application handles as files, and text is inspected whatever it is labelled. What {@code LOG}
 * leaves open is text padded with binary junk that an application still reads as text; a service
 * that wants that closed sets {@link #BLOCK} and declares the binary media types each upload
 * endpoint accepts on its route ({@code body: {binary: [image/*]}}, see {@link RouteBody}).
 */
public enum UninspectablePolicy {
    /** Block the request (415) and log it. */
    BLOCK,
    /** Let it pass and log an {@code UNINSPECTED} finding. The default. */
    LOG
}
