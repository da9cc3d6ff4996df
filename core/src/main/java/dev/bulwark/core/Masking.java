package dev.bulwark.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How secrets are kept out of what Bulwark shows: the security log's excerpts and the described
 * configuration. One marker, {@value #MASK}, stands for every masked value, wherever it appears.
 */
public final class Masking {

    /** What a masked value reads. */
    public static final String MASK = "******";

    /** Parts of request item names (parameters, headers, JSON members) that likely hold a secret. */
    private static final String[] SECRET_NAME_PARTS = {
        "pass", "pwd", "secret", "token", "auth", "cookie", "session", "key", "credential", "otp", "pin", "cvv", "card"
    };

    /** Configuration keys of free form (maps, claims) that hold a secret. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(secret|password|passwd|credentials?|private-key|api-key|apikey|access-key)", Pattern.CASE_INSENSITIVE);

    /** Longest excerpt logged, in characters before escaping. */
    private static final int MAX_EXCERPT_LENGTH = 160;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)\\b(bearer|basic|digest|negotiate|token)(\\s+)[A-Za-z0-9._~+/=\\-]+");
    private static final Pattern QUOTED_PAIR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.){1,64})\"(\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?");
    private static final Pattern PLAIN_PAIR = Pattern.compile("([A-Za-z0-9_.\\-\\[\\]]{1,64})(\\s*[=:]\\s*)([^&;,\\s\"]+)");

    private Masking() {
    }

    /** Whether a request item of this name (parameter, header, JSON member) likely holds a secret. */
    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String part : SECRET_NAME_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tree with secrets masked: values at paths {@code secretPath} accepts (such as
     * {@code jwt.issuers[0].hmac-secret}), values under secret-looking keys, and the user
     * information and query of URLs anywhere.
     */
    public static Map<String, Object> mask(Map<String, ?> tree, Predicate<String> secretPath) {
        return mask(tree, "", secretPath);
    }

    private static Map<String, Object> mask(Map<String, ?> tree, String path, Predicate<String> secretPath) {
        Map<String, Object> masked = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            String child = path.isEmpty() ? key : path + "." + key;
            boolean secret = value != null && !(value instanceof Map<?, ?>)
                    && (secretPath.test(child) || SECRET_KEY.matcher(key).matches());
            masked.put(key, secret ? MASK : maskValue(value, child, secretPath));
        });
        return masked;
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(Object value, String path, Predicate<String> secretPath) {
        if (value instanceof Map<?, ?> map) {
            return mask((Map<String, ?>) map, path, secretPath);
        }
        if (value instanceof List<?> list) {
            Object[] items = new Object[list.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = maskValue(list.get(i), path + "[" + i + "]", secretPath);
            }
            return List.of(items);
        }
        if (value instanceof String text) {
            return maskUrls(text);
        }
        return value;
    }

    /**
     * The same tree with every value replaced by {@value #MASK}: keys, nesting and list lengths stay.
     * For callers who may see the shape of the configuration but not its values.
     */
    public static Map<String, Object> redact(Map<String, ?> tree) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        tree.forEach((key, value) -> redacted.put(key, redactValue(value)));
        return redacted;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Masking::redactValue).toList();
        }
        return value == null ? null : MASK;
    }

    /**
     * URLs without their user information and query; other text as it is. Text of several words,
     * such as a header value or a block response body, is masked word by word; from a word that
     * holds "://" but is not a URL on, the rest of the text is masked, as it may hold credentials.
     */
    public static String maskUrls(String text) {
        if (!text.contains("://")) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String word = text.substring(start, end);
            String maskedWord = maskUrlWord(word);
            if (maskedWord == null) {
                // Not a URL after all; it may still hold credentials, so show only what precedes them.
                return masked.append(word, 0, word.indexOf("://") + 3).append(MASK).toString();
            }
            masked.append(maskedWord);
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                masked.append(text.charAt(end++));
            }
            start = end;
        }
        return masked.toString();
    }

    /** One word: masked if it is a URL, as it is if it holds no "://", {@code null} if it holds one but is no URL. */
    private static String maskUrlWord(String word) {
        int scheme = word.indexOf("://");
        if (scheme < 0) {
            return word;
        }
        if (scheme == 0) {
            return null;
        }
        try {
            URI uri = new URI(word);
            if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
                return word;
            }
            return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : MASK + "@") + uri.getRawAuthority()
                    .substring(uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + MASK);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The excerpt of {@code finding} as it may be logged: masked entirely at a secret-looking
     * location, with secret-looking pairs and credentials inside it masked otherwise, truncated and
     * with control characters escaped.
     */
    public static String safeExcerpt(Finding finding) {
        String excerpt = finding.excerpt();
        if (excerpt.isEmpty() || excerpt.equals(MASK)) {
            return excerpt;
        }
        if (isSecretLocation(finding.location())) {
            return MASK;
        }
        // An application's check may report a whole value: the pair patterns run on what can be
        // logged only, as they take time and stack in proportion to their input.
        boolean cut = excerpt.length() > MAX_EXCERPT_LENGTH;
        String cleaned = SecurityEvent.clean(maskEmbeddedSecrets(cut ? excerpt.substring(0, MAX_EXCERPT_LENGTH) : excerpt),
                MAX_EXCERPT_LENGTH);
        return cut && !cleaned.endsWith("…") ? cleaned + "…" : cleaned;
    }

    /** Whether values at {@code location} are never logged. */
    public static boolean isSecretLocation(Location location) {
        if (location.component() == Component.NAME) {
            return false;
        }
        if (location.source() == Source.COOKIE) {
            return true;
        }
        String name = location.name();
        if (location.source() == Source.HEADER && SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return !name.isEmpty() && isSecretName(name);
    }

    /** Masks credentials and the values of secret-looking pairs inside a piece of text. */
    private static String maskEmbeddedSecrets(String text) {
        String masked = CREDENTIAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        masked = QUOTED_PAIR.matcher(masked).replaceAll(m -> isSecretName(m.group(1))
                ? Matcher.quoteReplacement('"' + m.group(1) + '"' + m.group(2) + '"' + MASK + '"')
                : Matcher.quoteReplacement(m.group()));
        return PLAIN_PAIR.matcher(masked).replaceAll(m -> isSecretName(m.group(1)) && !m.group(3).equals(MASK)
                && !m.group(3).equals('"' + MASK + '"')
                ? Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK)
                : Matcher.quoteReplacement(m.group()));
    }
}
