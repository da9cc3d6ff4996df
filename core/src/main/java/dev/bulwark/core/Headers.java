package dev.bulwark.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Request headers in the order the client sent them, duplicates kept, looked up without regard to
 * the case of the name (RFC 9110, section 5.1).
 *
 * <p>Immutable. Lookups scan the list: requests carry few headers and a scan of a short list beats
 * building a map for every request.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(List.of(), 0);

    private final List<Header> entries;
    private final long totalSize;

    private Headers(List<Header> entries, long totalSize) {
        this.entries = entries;
        this.totalSize = totalSize;
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every header in the order received. */
    public List<Header> all() {
        return entries;
    }

    /** Number of header fields, duplicates counted. */
    public int size() {
        return entries.size();
    }

    /** Sum of the lengths of all names and values, in characters. */
    public long totalSize() {
        return totalSize;
    }

    /** The first value of the named header, or {@code null}. */
    public String first(String name) {
        String lower = lowerCase(name);
        for (int i = 0, size = entries.size(); i < size; i++) {
            Header header = entries.get(i);
            if (header.lowerCaseName.equals(lower)) {
                return header.value();
            }
        }
        return null;
    }

    /**
     * Every value of the named header, in order; empty when absent. Checks ask this of every
     * request for headers that are mostly absent or sent once, so those cases build at most one
     * small list.
     */
    public List<String> values(String name) {
        String lower = lowerCase(name);
        String single = null;
        List<String> values = null;
        for (int i = 0, size = entries.size(); i < size; i++) {
            Header header = entries.get(i);
            if (header.lowerCaseName.equals(lower)) {
                if (single == null) {
                    single = header.value();
                } else {
                    if (values == null) {
                        values = new ArrayList<>(4);
                        values.add(single);
                    }
                    values.add(header.value());
                }
            }
        }
        if (values != null) {
            return Collections.unmodifiableList(values);
        }
        return single == null ? List.of() : Collections.singletonList(single);
    }

    /** Number of fields with this name. */
    public int count(String name) {
        String lower = lowerCase(name);
        int count = 0;
        for (int i = 0, size = entries.size(); i < size; i++) {
            if (entries.get(i).lowerCaseName.equals(lower)) {
                count++;
            }
        }
        return count;
    }

    /** Whether a field with this name is present. */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /**
     * The name folded as each field's {@link Header#lowerCaseName()} is, so that a lookup folds
     * one name instead of comparing every field without regard to case. A common name
     * ({@code Content-Type}) folds to the same shared string as the fields', with no string made
     * per lookup, and {@code equals} then answers on identity.
     */
    private static String lowerCase(String name) {
        return HeaderNameFolding.lowerCase(name);
    }

    @Override
    public String toString() {
        return "Headers" + entries;
    }

    /**
     * One header field as received. The lower-case name is worked out once: every check compares
     * names in lower case, several times per request. For the names clients commonly send it is a
     * shared string, not one made per request ({@link HeaderNameFolding}).
     */
    public static final class Header {
        private final String name;
        private final String value;
        private final String lowerCaseName;

        public Header(String name, String value) {
            this.name = Objects.requireNonNull(name, "name");
            this.value = Objects.requireNonNull(value, "value");
            this.lowerCaseName = HeaderNameFolding.lowerCase(name);
        }

        /** The name as sent. */
        public String name() {
            return name;
        }

        /** The value as sent. */
        public String value() {
            return value;
        }

        /** The name in lower case, for comparisons and logs. */
        public String lowerCaseName() {
            return lowerCaseName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Header header && name.equals(header.name) && value.equals(header.value);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + value.hashCode();
        }

        @Override
        public String toString() {
            return "Header[name=" + name + ", value=" + value + "]";
        }
    }

    /** Collects header fields in order. */
    public static final class Builder {
        private final List<Header> entries = new ArrayList<>();
        private long totalSize;

        private Builder() {
        }

        /** Adds a field; an existing field of the same name is kept. */
        public Builder add(String name, String value) {
            entries.add(new Header(name, value));
            totalSize += name.length() + value.length();
            return this;
        }

        public Headers build() {
            return entries.isEmpty() ? EMPTY : new Headers(List.copyOf(entries), totalSize);
        }
    }
}
