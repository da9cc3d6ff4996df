package dev.bulwark.core.internal.code.java;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Lexicon;
import java.util.Locale;

/**
 * Evaluates Log4j 2 lookup syntax the way a vulnerable logger would, to see through the nesting
 * used to hide Log4Shell payloads (CVE-2021-44228): {@code ${${lower:j}ndi:...}},
 * {@code ${${::-j}${::-n}di:...}}, {@code ${${env:X:-j}ndi:...}}, and lookups that produce a new
 * lookup when resolved ({@code $${env:x:-$}{jndi:...}}).
 *
 * <p>Inner lookups resolve first, as in Log4j: {@code lower}/{@code upper} return their argument,
 * {@code date:'x'} returns {@code x}, any lookup with a {@code :-} default returns the default,
 * and other lookups return nothing (their value is unknown). The resolved text is evaluated again
 * while it still holds {@code ${}, up to {@value #MAX_ROUNDS} rounds. Nesting is bounded at
 * {@value #MAX_DEPTH} and each lookup's text at {@value #MAX_LOOKUP_CHARS} characters, so the
 * work is linear in the input.
 */
final class Log4jLookups {

    /** No lookup with a known prefix. */
    static final int NONE = 0;
    /** A lookup of a known Log4j prefix ({@code env}, {@code sys}, {@code lower}, ...). */
    static final int LOOKUP = 1;
    /** A lookup that resolves to {@code jndi:}. */
    static final int JNDI = 2;

    static final int MAX_ROUNDS = 3;
    static final int MAX_DEPTH = 32;
    static final int MAX_LOOKUP_CHARS = 2048;

    /** Prefixes of the lookups Log4j 2 ships (besides jndi). */
    private static final Lexicon PREFIXES = Lexicon.of(
            "env", "sys", "java", "ctx", "main", "date", "lower", "upper", "base64", "bundle",
            "docker", "k8s", "kubernetes", "log4j", "jvmrunargs", "map", "marker", "sd", "spring",
            "web", "event", "jndi");

    private Log4jLookups() {}

    /**
     * Evaluates the lookups in {@code s}. Returns {@code kind << 32 | offset}, where kind is the
     * strongest of {@link #NONE}, {@link #LOOKUP}, {@link #JNDI} and offset is where (in
     * {@code s}) the outermost lookup holding it starts.
     */
    static long evaluate(String s) {
        if (s.indexOf("${") < 0) {
            return NONE;
        }
        int bestKind = NONE;
        int bestOffset = 0;
        String text = s;
        boolean original = true;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Pass pass = new Pass(text);
            pass.run();
            if (pass.kind > bestKind) {
                bestKind = pass.kind;
                bestOffset = original ? pass.kindOffset : 0;
            }
            if (bestKind == JNDI) {
                break;
            }
            String next = pass.output.toString();
            if (next.equals(text) || next.indexOf("${") < 0) {
                break;
            }
            text = next;
            original = false;
        }
        return ((long) bestKind << 32) | bestOffset;
    }

    /** One evaluation pass: a stack of open lookups, each collecting its resolved text. */
    private static final class Pass {
        private final String s;
        private final StringBuilder output;
        private final StringBuilder[] frames = new StringBuilder[MAX_DEPTH];
        private final int[] frameStart = new int[MAX_DEPTH];
        private int depth;
        int kind;
        int kindOffset;

        Pass(String s) {
            this.s = s;
            this.output = new StringBuilder(s.length());
        }

        void run() {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{' && depth < MAX_DEPTH) {
                    StringBuilder frame = frames[depth];
                    if (frame == null) {
                        frame = new StringBuilder();
                        frames[depth] = frame;
                    } else {
                        frame.setLength(0);
                    }
                    frameStart[depth] = i;
                    depth++;
                    i++;
                    continue;
                }
                if (c == '}' && depth > 0) {
                    close();
                    continue;
                }
                append(c);
            }
            while (depth > 0) {
                close();
            }
        }

        private void append(char c) {
            if (depth == 0) {
                output.append(c);
            } else if (frames[depth - 1].length() < MAX_LOOKUP_CHARS) {
                frames[depth - 1].append(c);
            }
        }

        private void append(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                append(text.charAt(i));
            }
        }

        /** Resolves the innermost open lookup and appends its value to the enclosing text. */
        private void close() {
            depth--;
            StringBuilder body = frames[depth];
            int start = frameStart[depth];
            int colon = indexOf(body, ':', 0);
            int prefixEnd = colon < 0 ? body.length() : colon;
            int p0 = 0;
            int p1 = prefixEnd;
            while (p0 < p1 && Ascii.isSpace(body.charAt(p0))) {
                p0++;
            }
            while (p1 > p0 && Ascii.isSpace(body.charAt(p1 - 1))) {
                p1--;
            }
            int defaultAt = indexOfDefault(body);
            int found = NONE;
            if (colon >= 0 && Ascii.rangeEquals(body, p0, p1, "jndi")) {
                found = JNDI;
            } else if (colon >= 0 && (PREFIXES.contains(body, p0, p1) || (p0 == p1 && defaultAt >= 0))) {
                found = LOOKUP;
            }
            if (found > kind) {
                kind = found;
                kindOffset = depth == 0 ? start : frameStart[0];
            }
            String value;
            if (defaultAt >= 0) {
                value = body.substring(defaultAt + 2);
            } else if (colon >= 0 && Ascii.rangeEquals(body, p0, p1, "lower")) {
                value = body.substring(colon + 1).toLowerCase(Locale.ROOT);
            } else if (colon >= 0 && Ascii.rangeEquals(body, p0, p1, "upper")) {
                value = body.substring(colon + 1).toUpperCase(Locale.ROOT);
            } else if (colon >= 0 && Ascii.rangeEquals(body, p0, p1, "date")) {
                value = stripQuotes(body.substring(colon + 1));
            } else {
                value = "";
            }
            append(value);
        }

        private static int indexOf(CharSequence s, char c, int from) {
            for (int i = from; i < s.length(); i++) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
            return -1;
        }

        private static int indexOfDefault(CharSequence s) {
            for (int i = 0; i + 1 < s.length(); i++) {
                if (s.charAt(i) == ':' && s.charAt(i + 1) == '-') {
                    return i;
                }
            }
            return -1;
        }

        private static String stripQuotes(String v) {
            StringBuilder b = new StringBuilder(v.length());
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) != '\'') {
                    b.append(v.charAt(i));
                }
            }
            return b.toString();
        }
    }
}
