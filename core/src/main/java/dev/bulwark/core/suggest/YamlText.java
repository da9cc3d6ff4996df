package dev.bulwark.core.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a configuration tree as YAML that the configuration reader reads back to the same tree:
 * block style for maps and lists, flow style inside one suggested exception, every string
 * double-quoted (so no text is ever taken for a number, a boolean or YAML syntax).
 */
final class YamlText {

    private YamlText() {
    }

    /** A block map's entries at {@code indent} spaces. */
    static void block(StringBuilder out, JsonNode map, int indent) {
        Iterator<Map.Entry<String, JsonNode>> fields = map.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            entry(out, field.getKey(), field.getValue(), indent);
        }
    }

    /** One {@code key: value} at {@code indent} spaces, the value in block style when it is a non-empty container. */
    static void entry(StringBuilder out, String key, JsonNode value, int indent) {
        out.append(" ".repeat(indent)).append(key(key)).append(':');
        value(out, value, indent);
    }

    private static void value(StringBuilder out, JsonNode value, int indent) {
        if (value.isObject() && value.size() > 0) {
            out.append('\n');
            block(out, value, indent + 2);
        } else if (value.isArray() && value.size() > 0) {
            out.append('\n');
            for (JsonNode item : value) {
                listItem(out, item, indent + 2);
            }
        } else {
            out.append(' ').append(flow(value)).append('\n');
        }
    }

    /** One list item at {@code indent} spaces. */
    static void listItem(StringBuilder out, JsonNode item, int indent) {
        if (item.isObject() && item.size() > 0) {
            boolean first = true;
            Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(" ".repeat(indent)).append(first ? "- " : "  ").append(key(field.getKey())).append(':');
                value(out, field.getValue(), indent + 2);
                first = false;
            }
        } else {
            out.append(" ".repeat(indent)).append("- ").append(flow(item)).append('\n');
        }
    }

    /** A suggested exception as a list item: each top-level key on its own line, its value in flow style. */
    static void flowListItem(StringBuilder out, JsonNode item, int indent) {
        boolean first = true;
        Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(" ".repeat(indent)).append(first ? "- " : "  ").append(key(field.getKey())).append(": ")
                    .append(flow(field.getValue())).append('\n');
            first = false;
        }
    }

    /** A suggested exception as a map entry keyed by name. */
    static void flowMapEntry(StringBuilder out, String name, JsonNode item, int indent) {
        out.append(" ".repeat(indent)).append(key(name)).append(":\n");
        Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(" ".repeat(indent + 2)).append(key(field.getKey())).append(": ").append(flow(field.getValue()))
                    .append('\n');
        }
    }

    static String flow(JsonNode value) {
        if (value.isObject()) {
            StringBuilder out = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(key(field.getKey())).append(": ").append(flow(field.getValue()));
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(flow(value.get(i)));
            }
            return out.append(']').toString();
        }
        if (value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isBoolean() || value.isNumber()) {
            return value.asText();
        }
        return quoted(value.asText());
    }

    /** A key: plain when it is made of letters, digits, {@code -}, {@code _} and {@code .}, else quoted. */
    static String key(String key) {
        if (key.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.')) {
                return quoted(key);
            }
        }
        return key;
    }

    /** A double-quoted YAML scalar: {@code \}, {@code "} and every non-printable character escaped. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || c == '\ufeff') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
