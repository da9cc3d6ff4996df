package dev.bulwark.core.config;

import java.util.Objects;

/**
 * Size and count limits on every dimension of a request. Each bounds the memory and time the
 * engine (and the application behind it) spends on one request, and stops resource-exhaustion
 * attacks such as deeply nested JSON, parameter floods (hash-collision DoS) and entity expansion.
 *
 * <p>A violation blocks the request: 413 for body and part sizes, 414 for path and query length,
 * 431 for header size and count, 408 for a body that arrives too slowly, 400 for everything else.
 * Defaults follow Airlock Microgateway's.
 *
 * @param bodySize largest body in bytes; default 1 MiB
 * @param pathLength longest raw path in characters; default 2,048
 * @param queryLength longest raw query string in characters; default 16,384
 * @param parameterCount most query plus form parameters; default 128
 * @param parameterNameLength longest parameter name after decoding; default 128
 * @param parameterValueLength longest parameter value after decoding; default 8 KiB
 * @param headerCount most header fields; default 100
 * @param headerSize largest sum of header name and value lengths; default 32 KiB
 * @param cookieCount most cookies; default 64
 * @param jsonDepth deepest JSON nesting of objects and arrays; default 100
 * @param jsonKeysPerObject most keys in one JSON object; default 250
 * @param jsonElements most JSON values (scalars, objects and arrays) in one body; default 10,000
 * @param jsonKeyLength longest JSON object key; default 256
 * @param jsonStringLength longest JSON string value; default 64 KiB
 * @param multipartParts most parts in a multipart body; default 64
 * @param multipartPartSize largest multipart part in bytes; default 1 MiB
 * @param xmlDepth deepest XML element nesting; default 100
 * @param xmlElements most XML elements in one body; default 10,000
 * @param bodyRead how long the body may take to arrive; see {@link BodyReadLimits} for the defaults
 */
public record Limits(
        long bodySize,
        int pathLength,
        int queryLength,
        int parameterCount,
        int parameterNameLength,
        int parameterValueLength,
        int headerCount,
        int headerSize,
        int cookieCount,
        int jsonDepth,
        int jsonKeysPerObject,
        int jsonElements,
        int jsonKeyLength,
        int jsonStringLength,
        int multipartParts,
        long multipartPartSize,
        int xmlDepth,
        int xmlElements,
        BodyReadLimits bodyRead) {

    private static final Limits DEFAULTS = new Limits(
            1024 * 1024, 2048, 16 * 1024,
            128, 128, 8 * 1024,
            100, 32 * 1024, 64,
            100, 250, 10_000, 256, 64 * 1024,
            64, 1024 * 1024,
            100, 10_000,
            BodyReadLimits.defaults());

    public Limits {
        positive("body-size", bodySize);
        positive("path-length", pathLength);
        positive("query-length", queryLength);
        positive("parameters.count", parameterCount);
        positive("parameters.name-length", parameterNameLength);
        positive("parameters.value-length", parameterValueLength);
        positive("headers.count", headerCount);
        positive("headers.total-size", headerSize);
        positive("cookies.count", cookieCount);
        positive("json.depth", jsonDepth);
        positive("json.keys-per-object", jsonKeysPerObject);
        positive("json.elements", jsonElements);
        positive("json.key-length", jsonKeyLength);
        positive("json.string-length", jsonStringLength);
        positive("multipart.parts", multipartParts);
        positive("multipart.part-size", multipartPartSize);
        positive("xml.depth", xmlDepth);
        positive("xml.elements", xmlElements);
        Objects.requireNonNull(bodyRead, "body-read");
        if (bodySize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("body-size must be below 2 GiB, was " + bodySize);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** The defaults listed on the class. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Limits}; every setter takes a positive value (or, for {@code bodyRead}, valid limits). */
    public static final class Builder {
        private long bodySize;
        private int pathLength;
        private int queryLength;
        private int parameterCount;
        private int parameterNameLength;
        private int parameterValueLength;
        private int headerCount;
        private int headerSize;
        private int cookieCount;
        private int jsonDepth;
        private int jsonKeysPerObject;
        private int jsonElements;
        private int jsonKeyLength;
        private int jsonStringLength;
        private int multipartParts;
        private long multipartPartSize;
        private int xmlDepth;
        private int xmlElements;
        private BodyReadLimits bodyRead;

        private Builder(Limits from) {
            bodySize = from.bodySize;
            pathLength = from.pathLength;
            queryLength = from.queryLength;
            parameterCount = from.parameterCount;
            parameterNameLength = from.parameterNameLength;
            parameterValueLength = from.parameterValueLength;
            headerCount = from.headerCount;
            headerSize = from.headerSize;
            cookieCount = from.cookieCount;
            jsonDepth = from.jsonDepth;
            jsonKeysPerObject = from.jsonKeysPerObject;
            jsonElements = from.jsonElements;
            jsonKeyLength = from.jsonKeyLength;
            jsonStringLength = from.jsonStringLength;
            multipartParts = from.multipartParts;
            multipartPartSize = from.multipartPartSize;
            xmlDepth = from.xmlDepth;
            xmlElements = from.xmlElements;
            bodyRead = from.bodyRead;
        }

        public Builder bodySize(long bytes) { bodySize = bytes; return this; }
        public Builder pathLength(int chars) { pathLength = chars; return this; }
        public Builder queryLength(int chars) { queryLength = chars; return this; }
        public Builder parameterCount(int count) { parameterCount = count; return this; }
        public Builder parameterNameLength(int chars) { parameterNameLength = chars; return this; }
        public Builder parameterValueLength(int chars) { parameterValueLength = chars; return this; }
        public Builder headerCount(int count) { headerCount = count; return this; }
        public Builder headerSize(int chars) { headerSize = chars; return this; }
        public Builder cookieCount(int count) { cookieCount = count; return this; }
        public Builder jsonDepth(int depth) { jsonDepth = depth; return this; }
        public Builder jsonKeysPerObject(int count) { jsonKeysPerObject = count; return this; }
        public Builder jsonElements(int count) { jsonElements = count; return this; }
        public Builder jsonKeyLength(int chars) { jsonKeyLength = chars; return this; }
        public Builder jsonStringLength(int chars) { jsonStringLength = chars; return this; }
        public Builder multipartParts(int count) { multipartParts = count; return this; }
        public Builder multipartPartSize(long bytes) { multipartPartSize = bytes; return this; }
        public Builder xmlDepth(int depth) { xmlDepth = depth; return this; }
        public Builder xmlElements(int count) { xmlElements = count; return this; }
        public Builder bodyRead(BodyReadLimits limits) { bodyRead = limits; return this; }

        /** Validates and builds; a non-positive value is rejected with its name. */
        public Limits build() {
            return new Limits(bodySize, pathLength, queryLength, parameterCount, parameterNameLength,
                    parameterValueLength, headerCount, headerSize, cookieCount, jsonDepth, jsonKeysPerObject,
                    jsonElements, jsonKeyLength, jsonStringLength, multipartParts, multipartPartSize,
                    xmlDepth, xmlElements, bodyRead);
        }
    }
}
