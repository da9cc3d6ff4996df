package dev.bulwark.core.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds {@code pattern} keywords in an OpenAPI document that can backtrack catastrophically.
 *
 * <p>The schema validator evaluates {@code pattern} on request values with a backtracking
 * regular-expression engine. A pattern that repeats a group which itself repeats, such as
 * {@code ^(a+)+$} or {@code ([a-z]*\d?)*}, takes time exponential in the length of a crafted
 * value that almost matches (<a href="https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS">ReDoS</a>).
 * Such patterns are reported at start-up so that the spec's author can rewrite them.
 */
final class SpecPatterns {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SpecPatterns() {
    }

    /** A risky pattern and the JSON Pointer of its keyword in the document. */
    record RiskyPattern(String pointer, String pattern) {
    }

    /** The risky patterns of a JSON or YAML OpenAPI document, in document order. */
    static List<RiskyPattern> risky(String document) throws IOException {
        JsonNode root = YAML.readTree(document);
        List<RiskyPattern> found = new ArrayList<>();
        if (root == null) {
            return found;
        }
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> entry = pending.pop();
            String pointer = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                    if (field.getKey().equals("pattern") && field.getValue().isTextual()
                            && nestsQuantifiers(field.getValue().textValue())) {
                        found.add(new RiskyPattern(child, field.getValue().textValue()));
                    }
                    children.add(Map.entry(child, field.getValue()));
                }
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(pointer + "/" + i, node.get(i)));
                }
            }
        }
        return found;
    }

    /**
     * Whether a group that contains a repeating quantifier ({@code *}, {@code +}, {@code {n,}},
     * {@code {n,m}} with m above 1) is itself repeated. One pass; escapes and character classes are
     * skipped, so {@code [(+]*} is no group.
     */
    static boolean nestsQuantifiers(String pattern) {
        Deque<boolean[]> groups = new ArrayDeque<>();
        boolean[] top = {false};
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(pattern, i + 1);
                continue;
            }
            if (c == '(') {
                groups.push(top);
                top = new boolean[] {false};
                i++;
                continue;
            }
            if (c == ')') {
                boolean repeatsInside = top[0];
                top = groups.isEmpty() ? new boolean[] {false} : groups.pop();
                int after = i + 1;
                boolean repeated = after < n && repeats(pattern, after);
                if (repeatsInside && repeated) {
                    return true;
                }
                top[0] |= repeatsInside || repeated;
                i++;
                continue;
            }
            if (repeats(pattern, i)) {
                top[0] = true;
            }
            i++;
        }
        return false;
    }

    /** Whether the character at {@code i} starts a quantifier that can repeat more than once. */
    private static boolean repeats(String pattern, int i) {
        char c = pattern.charAt(i);
        if (c == '*' || c == '+') {
            return true;
        }
        if (c != '{') {
            return false;
        }
        int close = pattern.indexOf('}', i);
        if (close < 0) {
            return false;
        }
        String body = pattern.substring(i + 1, close);
        int comma = body.indexOf(',');
        try {
            if (comma < 0) {
                return Integer.parseInt(body.trim()) > 1;
            }
            String max = body.substring(comma + 1).trim();
            return max.isEmpty() || Integer.parseInt(max) > 1;
        } catch (NumberFormatException notAQuantifier) {
            return false;
        }
    }

    /** The index after the character class whose content starts at {@code i}. */
    private static int classEnd(String pattern, int i) {
        int n = pattern.length();
        if (i < n && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < n && pattern.charAt(i) != ']') {
            i += pattern.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
