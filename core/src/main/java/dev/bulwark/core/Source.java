package dev.bulwark.core;

/** Where in the request an inspected value comes from. */
public enum Source {
    /** The whole decoded and normalised path. */
    PATH,
    /** One segment of the path, between slashes. */
    PATH_SEGMENT,
    /**
     * The parameters of one path segment (after its first {@code ;}), named by the segment's
     * position in the raw path; listed for dot-segments too, which the normalised path drops.
     */
    PATH_PARAMETER,
    /** A parameter of the query string. */
    QUERY,
    /** A field of an {@code application/x-www-form-urlencoded} body. */
    FORM,
    /** A key or scalar value of a JSON body, named by its JSON Pointer (RFC 6901). */
    JSON,
    /** A field name, file name, part header or text value of a {@code multipart/form-data} body. */
    MULTIPART,
    /** Element text or an attribute value of an XML body. */
    XML,
    /** A body that is inspected as one piece of text (no structure known). */
    BODY,
    /** A request header. */
    HEADER,
    /** A cookie from the {@code Cookie} header. */
    COOKIE,
    /** The request as a whole (method, protocol, framing). */
    REQUEST;

    /** Whether the value came from the body (form, JSON, multipart, XML or raw body). */
    public boolean isBody() {
        return this == FORM || this == JSON || this == MULTIPART || this == XML || this == BODY;
    }

    /** Whether the value is a parameter in Airlock's sense: a query, form or multipart field. */
    public boolean isParameter() {
        return this == QUERY || this == FORM || this == MULTIPART;
    }
}
