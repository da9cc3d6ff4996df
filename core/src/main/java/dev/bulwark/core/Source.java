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
    /**
     * A value a GraphQL request hands to the service: a variable value or object key, named
     * {@code variables/<JSON pointer>}, or a string argument in the document, named
     * {@code argument:<field>.<argument>} (with {@code .<input field>} for each input object it sits
     * in, {@code @<directive>} for a directive's argument). The document's syntax is not a value.
     */
    GRAPHQL,
    /** A body that is inspected as one piece of text (no structure known). */
    BODY,
    /** A request header. */
    HEADER,
    /** A cookie from the {@code Cookie} header. */
    COOKIE,
    /** The request as a whole (method, protocol, framing). */
    REQUEST;

    /**
     * Whether the value came from the body (form, JSON, multipart, XML or raw body), or is a GraphQL
     * value, which is judged like a JSON body's wherever the request carried it.
     */
    public boolean isBody() {
        return this == FORM || this == JSON || this == MULTIPART || this == XML || this == BODY || this == GRAPHQL;
    }

    /** Whether the value is a parameter in Airlock's sense: a query, form or multipart field. */
    public boolean isParameter() {
        return this == QUERY || this == FORM || this == MULTIPART;
    }
}
