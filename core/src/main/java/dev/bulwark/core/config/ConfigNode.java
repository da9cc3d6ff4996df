package dev.bulwark.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A node of the configuration tree that knows its path, so every error names the key it is about.
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;

    ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    ConfigurationException error(String message) {
        return new ConfigurationException(path, message);
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean isText() {
        return node.isTextual();
    }

    /** Requires an object whose keys are all keys of this path in {@link ConfigSchema}. */
    ConfigNode object() {
        if (!node.isObject()) {
            throw error("expected an object, found " + describe());
        }
        ConfigSchema.Key key = ConfigSchema.find(path);
        if (key == null) {
            throw new IllegalStateException("no key at '" + path + "' in ConfigSchema");
        }
        Set<String> allowed = new HashSet<>();
        key.children().forEach(child -> allowed.add(child.name()));
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigurationException(child(name), "unknown key '" + name + "' (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
        return this;
    }

    /** The names of this object's keys, in order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The child {@code key}, which must be set; without it, an error saying {@code message}. */
    ConfigNode required(String key, String message) {
        ConfigNode child = get(key);
        if (child == null) {
            throw error(message);
        }
        return child;
    }

    ConfigNode get(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : new ConfigNode(value, child(key));
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * The items of a list. A list of objects may also be written as a map keyed by name
     * ({@code routes: {admin: {...}}}), so that a profile or an environment variable can change
     * one field of one entry; the entries keep their written order and their paths name the key.
     */
    List<ConfigNode> list() {
        if (node.isObject() && isKeyedList()) {
            List<ConfigNode> items = new ArrayList<>(node.size());
            node.fields().forEachRemaining(entry -> items.add(new ConfigNode(entry.getValue(), child(entry.getKey()))));
            return items;
        }
        if (!node.isArray()) {
            throw error("expected a list, found " + describe());
        }
        List<ConfigNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** A list of nodes; a single text counts as a list of one. */
    List<ConfigNode> items() {
        return node.isTextual() ? List.of(this) : list();
    }

    /** A list of strings; a single string counts as a list of one. */
    List<String> stringList() {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        for (ConfigNode item : list()) {
            values.add(item.text());
        }
        return values;
    }

    String text() {
        if (!node.isValueNode() || node.isNull()) {
            throw error("expected a text value, found " + describe());
        }
        return node.asText();
    }

    boolean bool() {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String text = node.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true")) {
                return true;
            }
            if (text.equals("false")) {
                return false;
            }
        }
        throw error("expected true or false, found " + describe());
    }

    int positiveInt() {
        long value = wholeNumber();
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw error("expected a positive whole number, found " + describe());
        }
        return (int) value;
    }

    private long wholeNumber() {
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw error("expected a whole number, found " + describe());
            }
        }
        throw error("expected a whole number, found " + describe());
    }

    /** A size in bytes: a number, or a number with B, KB, KiB, MB, MiB, GB or GiB (all powers of 1024). */
    long dataSize() {
        if (node.isIntegralNumber()) {
            long value = node.longValue();
            if (value <= 0) {
                throw error("expected a positive size, found " + describe());
            }
            return value;
        }
        if (!node.isTextual()) {
            throw error("expected a size such as 1MiB, found " + describe());
        }
        String text = node.asText().trim();
        int unitStart = unitStart(text, "a size such as 1MiB");
        long number = Long.parseLong(text.substring(0, unitStart));
        String unit = text.substring(unitStart).trim().toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "", "B" -> 1L;
            case "K", "KB", "KIB" -> 1024L;
            case "M", "MB", "MIB" -> 1024L * 1024;
            case "G", "GB", "GIB" -> 1024L * 1024 * 1024;
            default -> throw error("unknown size unit '" + text.substring(unitStart).trim() + "' (use B, KiB, MiB or GiB)");
        };
        if (number <= 0) {
            throw error("expected a positive size, found '" + text + "'");
        }
        return Math.multiplyExact(number, factor);
    }

    /** A duration: a number of seconds, or a number with ms, s, m, h or d. */
    Duration duration() {
        if (node.isIntegralNumber()) {
            return Duration.ofSeconds(node.longValue());
        }
        String text = text().trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            // ISO-8601, as Spring writes durations (PT30S).
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw error("expected a duration such as 30s, 5m or 1h, found '" + text + "'");
            }
        }
        int unitStart = unitStart(text, "a duration such as 30s, 5m or 1h");
        long number = Long.parseLong(text.substring(0, unitStart));
        return switch (text.substring(unitStart).trim()) {
            case "ms" -> Duration.ofMillis(number);
            case "", "s" -> Duration.ofSeconds(number);
            case "m" -> Duration.ofMinutes(number);
            case "h" -> Duration.ofHours(number);
            case "d" -> Duration.ofDays(number);
            default -> throw error("unknown duration unit in '" + text + "' (use ms, s, m, h or d)");
        };
    }

    /** Where the unit starts after the leading digits (1 to 12 of them) of {@code text}. */
    private int unitStart(String text, String expected) {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 12) {
            throw error("expected " + expected + ", found '" + text + "'");
        }
        return end;
    }

    /** One of the values {@link ConfigSchema} lists for this key, in lower case. */
    String choice() {
        String value = text().trim().toLowerCase(Locale.ROOT);
        List<String> values = ConfigSchema.find(path).values();
        if (!values.contains(value)) {
            throw error("unknown value '" + value + "' (expected one of " + values + ")");
        }
        return value;
    }

    /** An enum constant by its kebab-case name ({@code log-only} for {@code LOG_ONLY}). */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        // YAML 1.1 reads an unquoted "off" as false (Spring hands it on as the text "false"); a
        // user writing "level: off" means OFF.
        String text = node.isBoolean() ? (node.booleanValue() ? "on" : "off") : text().trim();
        if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("true")) {
            text = text.equalsIgnoreCase("false") ? "off" : "on";
        }
        String constant = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(constant)) {
                return value;
            }
        }
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw error("unknown value '" + text + "' (expected one of " + names + ")");
    }

    /** Applies {@code parse} and turns an {@link IllegalArgumentException} into an error at this path. */
    <T> T convert(Function<ConfigNode, T> parse) {
        try {
            return parse.apply(this);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private boolean isKeyedList() {
        ConfigSchema.Key key = ConfigSchema.find(path);
        return key != null && key.isKeyedList();
    }

    private String describe() {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }
}
