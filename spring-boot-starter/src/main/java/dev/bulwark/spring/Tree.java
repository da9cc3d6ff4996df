package dev.bulwark.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.util.unit.DataSize;

/**
 * Builds the tree of kebab-case keys that {@link dev.bulwark.core.config.ConfigLoader#fromMap}
 * reads, from bound properties. Unset values (nulls, empty collections, empty groups) are left out
 * so the core's defaults apply; list items are always kept so that error paths keep their indices.
 */
final class Tree {

    private final Map<String, Object> map = new LinkedHashMap<>();

    Map<String, Object> map() {
        return map;
    }

    /** Puts a value unless it is unset; sizes become bytes and durations milliseconds. */
    void put(String key, Object value) {
        Object converted = convert(value);
        if (converted != null) {
            map.put(key, converted);
        }
    }

    /** Puts a value that was assigned, even when it equals its default. */
    void putIf(Set<String> assigned, String key, Object value) {
        if (assigned.contains(key)) {
            putAlways(key, value);
        }
    }

    /** Puts a value even when it is empty: the user wrote the key, so the loader should see it. */
    void putAlways(String key, Object value) {
        map.put(key, value instanceof DataSize || value instanceof Duration ? convert(value) : value);
    }

    void putMatcher(String key, BulwarkProperties.Matcher matcher) {
        if (matcher != null) {
            putAlways(key, matcher.toTree());
        }
    }

    void putCondition(String key, BulwarkProperties.Condition condition) {
        if (condition != null) {
            putAlways(key, condition.toTree());
        }
    }

    /** Puts a list of groups, keeping every item (even an empty one) so indices stay as written. */
    <T> void putList(String key, List<T> items, Function<T, ?> toTree) {
        if (items == null || items.isEmpty()) {
            return;
        }
        List<Object> trees = new ArrayList<>(items.size());
        for (T item : items) {
            trees.add(item == null ? new LinkedHashMap<String, Object>() : toTree.apply(item));
        }
        map.put(key, trees);
    }

    /**
     * A deny-rule level as written. YAML 1.1 reads an unquoted {@code off} as {@code false}, and
     * Spring hands that on as the text "false"; the core's YAML loader reads it as {@code off} too.
     */
    static String level(String level) {
        return level != null && level.trim().toLowerCase(Locale.ROOT).equals("false") ? "off" : level;
    }

    /**
     * Allowed methods as written: the YAML file's keyword {@code any} is a list of that one entry
     * once bound, and is handed on as the keyword (a method named {@code any} is not a thing).
     */
    static Object methods(List<String> methods) {
        if (methods != null && methods.size() == 1 && methods.get(0) != null
                && methods.get(0).trim().equalsIgnoreCase("any")) {
            return methods.get(0).trim();
        }
        return methods == null ? null : new ArrayList<>(methods);
    }

    /** Matchers as a list, even an empty one. */
    static List<Object> matchers(List<BulwarkProperties.Matcher> matchers) {
        List<Object> trees = new ArrayList<>(matchers.size());
        for (BulwarkProperties.Matcher matcher : matchers) {
            trees.add(matcher == null ? new LinkedHashMap<String, Object>() : matcher.toTree());
        }
        return trees;
    }

    /**
     * A header allow list as written: the YAML file's keywords {@code all} and {@code standard}
     * are a list of that one plain entry once bound, and are handed on as the keyword ({@code all}
     * cannot be a list entry).
     */
    static Object headerAllowList(List<BulwarkProperties.Matcher> allow) {
        List<Object> entries = matchers(allow);
        if (entries.size() == 1 && entries.get(0) instanceof String keyword
                && (keyword.trim().equalsIgnoreCase("all") || keyword.trim().equalsIgnoreCase("standard"))) {
            return keyword;
        }
        return entries;
    }

    private static Object convert(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof DataSize size) {
            return size.toBytes();
        }
        if (value instanceof Duration duration) {
            return duration.toMillis() + "ms";
        }
        if (value instanceof Collection<?> collection) {
            return collection.isEmpty() ? null : new ArrayList<>(collection);
        }
        if (value instanceof Map<?, ?> nested) {
            return nested.isEmpty() ? null : new LinkedHashMap<>(nested);
        }
        return value;
    }
}
