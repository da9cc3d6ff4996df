package dev.bulwark.core.internal.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the URLs in one value and takes each apart by hand: scheme, slashes, authority (user
 * information, host, port), and where the URL ends.
 *
 * <p>A URL starts at a scheme from a table of known schemes: other words before a colon ({@code Note:},
 * {@code 12:30}) are skipped. The authority ends where the WHATWG URL parser ends it (at
 * {@code / \ ? #}) or at white space; {@link #ambiguousAuthority} records the shapes where other
 * parsers would pick a different host. One cursor serves one value on one thread; it is cheap
 * enough to create per scan.
 */
public final class UrlCursor {

    /** URL schemes this package reasons about, by what an attacker gains from each. */
    public enum Kind {
        /** http, https: fetched by servers and included by PHP when allowed. */
        WEB,
        /** ftp, ftps: a classic remote-inclusion transport, rare in legitimate parameters. */
        FTP,
        /** Wrappers that read local files or archives or run code: file, php, phar, jar, ... */
        LOCAL_WRAPPER,
        /** Protocols used to smuggle requests to internal services: gopher, dict, ldap, tftp. */
        SMUGGLING,
        /** Other network protocols, judged by their host only. */
        OTHER_NETWORK
    }

    /** A known scheme and what it gives an attacker. */
    private record Scheme(String name, Kind kind) {
    }

    private static final Scheme[] SCHEMES = schemes(
            Kind.WEB, new String[] {"http", "https"},
            Kind.FTP, new String[] {"ftp", "ftps"},
            Kind.LOCAL_WRAPPER, new String[] {"file", "local_file", "php", "phar", "zip", "data", "expect", "glob",
                "compress.zlib", "compress.bzip2", "rar", "ogg", "ssh2.shell", "ssh2.exec", "ssh2.tunnel", "ssh2.sftp",
                "jar", "netdoc"},
            Kind.SMUGGLING, new String[] {"gopher", "dict", "ldap", "ldaps", "ldapi", "tftp", "sftp"},
            Kind.OTHER_NETWORK, new String[] {"ssh", "telnet", "imap", "pop3", "smtp", "irc", "rtmp", "rtsp", "acap",
                "xri", "rsync", "smb", "nfs", "ws", "wss", "mysql", "redis", "mongodb", "postgres", "postgresql", "jdbc",
                "svn", "git"});

    /** {@link #SCHEMES} by name length, each in the order of {@link #SCHEMES}. */
    private static final Scheme[][] SCHEMES_BY_LENGTH = byLength(SCHEMES);

    private static Scheme[][] byLength(Scheme[] schemes) {
        int longest = 0;
        for (Scheme scheme : schemes) {
            longest = Math.max(longest, scheme.name().length());
        }
        Scheme[][] table = new Scheme[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int size = length;
            table[length] = Arrays.stream(schemes).filter(s -> s.name().length() == size)
                    .toArray(Scheme[]::new);
        }
        return table;
    }

    private static final int MAX_SCHEME = 14;
    /** Wrapper prefixes allowed before a URL that starts a value ({@code url:jar:file:...}). */
    private static final int MAX_PREFIX_SCHEMES = 3;
    /** Authorities longer than this are not taken apart: no real host is that long. */
    private static final int MAX_AUTHORITY = 320;

    private final String text;
    private int searchFrom;
    /** The first URL-ending character at or after {@link #endSearchedFrom}: shared by later URLs. */
    private int cachedEnd = -1;
    private int endSearchedFrom = -1;
    private int pathSearchedFrom = -1;
    private int cachedPathEnd = -1;
    private int cachedLastSlash = -1;
    /** The authority scanned last: where it began and ended, its last "@" and last two colons. */
    private int authoritySearchedFrom = -1;
    private int cachedAuthorityEnd = -1;
    private int cachedLastAt = -1;
    private int cachedSecondLastAt = -1;
    private int cachedLastColon = -1;
    private int cachedSecondLastColon = -1;
    private char[] hostScratch;
    /** Index of the first character of the value that is not white space or a quote; -1 until needed. */
    private int valueStart = -1;

    public int schemeStart;
    public int schemeEnd;
    public Kind kind;
    /** Slashes and backslashes right after the colon. */
    public int slashes;
    public int authorityStart;
    public int authorityEnd;
    /** Index of the last {@code @} in the authority, or -1. */
    public int at;
    public int hostStart;
    public int hostEnd;
    /** Start of the port digits, or -1. */
    public int portStart;
    public int portEnd;
    /** Where the URL ends: white space, a quote, an angle bracket or the end of the value. */
    public int end;

    public UrlCursor(String text) {
        this.text = text;
    }

    /** Whether the value may contain a URL at all: it has a colon. */
    public static boolean mayContainUrl(String text) {
        return text.indexOf(':') >= 0;
    }

    /** Moves to the next URL with a known scheme; false when there is none. */
    public boolean next() {
        int colon = knownSchemeColon(text, searchFrom);
        if (colon < 0) {
            searchFrom = text.length();
            return false;
        }
        searchFrom = colon + 1;
        schemeStart = schemeStartBefore(text, colon);
        schemeEnd = colon;
        kind = lookup(text, schemeStart, colon);
        parseAfterScheme(colon + 1);
        return true;
    }

    /**
     * A cursor on {@code text} whose {@link #next} starts at its first URL, or {@code null} when
     * {@link #next} would find none: some colon has a known scheme before it. The search is the
     * cursor's own, done before a cursor is made, so that the many values with a colon but no URL
     * (prose, times, ratios) allocate nothing, and the cursor does not search that stretch again.
     */
    public static UrlCursor fromFirstUrl(String text) {
        int colon = knownSchemeColon(text, 0);
        if (colon < 0) {
            return null;
        }
        UrlCursor cursor = new UrlCursor(text);
        // The colons before this one have no known scheme: next() would pass them.
        cursor.searchFrom = colon;
        return cursor;
    }

    /** The first colon of {@code text} at or after {@code from} with a known scheme before it, or -1. */
    private static int knownSchemeColon(String text, int from) {
        for (int colon = text.indexOf(':', from); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            int start = schemeStartBefore(text, colon);
            if (start < colon && lookup(text, start, colon) != null) {
                return colon;
            }
        }
        return -1;
    }

    /**
     * Where a scheme ending at {@code colon} may start: back over at most {@link #MAX_SCHEME}
     * scheme characters, then on to the first letter; {@code colon} when there is none.
     */
    private static int schemeStartBefore(String text, int colon) {
        int start = colon;
        while (start > 0 && colon - start < MAX_SCHEME && isSchemeChar(text.charAt(start - 1))) {
            start--;
        }
        while (start < colon && !Ascii.isLetter(text.charAt(start))) {
            start++;
        }
        return start;
    }

    private static Kind lookup(String text, int start, int colon) {
        // a scheme glued to a longer word ("xhttp:") is not a URL; accept the known suffix only
        // when what precedes it cannot belong to a word
        for (int s = start; s < colon && colon - s >= 2; s++) {
            if (s > start && Ascii.isAlnum(text.charAt(s - 1))) {
                continue;
            }
            if (colon - s >= SCHEMES_BY_LENGTH.length) {
                continue;
            }
            for (Scheme scheme : SCHEMES_BY_LENGTH[colon - s]) {
                if (Ascii.rangeEquals(text, s, colon, scheme.name())) {
                    return scheme.kind();
                }
            }
        }
        return null;
    }

    private void parseAfterScheme(int afterColon) {
        int length = text.length();
        int i = afterColon;
        while (i < length && (text.charAt(i) == '/' || text.charAt(i) == '\\')) {
            i++;
        }
        slashes = i - afterColon;
        authorityStart = i;
        scanAuthority(i);
        authorityEnd = cachedAuthorityEnd;
        at = cachedLastAt >= authorityStart ? cachedLastAt : -1;
        hostStart = at >= 0 ? at + 1 : authorityStart;
        hostEnd = authorityEnd;
        portStart = -1;
        portEnd = -1;
        if (authorityEnd - authorityStart > MAX_AUTHORITY) {
            // no real authority is that long: leave the host empty
            hostEnd = hostStart;
        } else if (hostStart < authorityEnd && text.charAt(hostStart) == '[') {
            int close = -1;
            for (int k = hostStart + 1; k < authorityEnd; k++) {
                if (text.charAt(k) == ']') {
                    close = k;
                    break;
                }
            }
            if (close >= 0) {
                hostEnd = close + 1;
                if (hostEnd < authorityEnd && text.charAt(hostEnd) == ':') {
                    portStart = hostEnd + 1;
                    portEnd = authorityEnd;
                }
            }
        } else {
            boolean oneColon = cachedLastColon >= hostStart && cachedSecondLastColon < hostStart;
            if (oneColon) {
                hostEnd = cachedLastColon;
                portStart = cachedLastColon + 1;
                portEnd = authorityEnd;
            }
        }
        end = urlEnd(authorityEnd);
        searchFrom = Math.max(searchFrom, authorityStart);
    }

    /**
     * Finds where the authority starting at {@code from} ends, and the last {@code @} and the last
     * two colons before that. URLs found later in the same authority share the answer, so every
     * character is scanned once.
     */
    private void scanAuthority(int from) {
        if (from >= authoritySearchedFrom && from <= cachedAuthorityEnd) {
            return;
        }
        int lastAt = -1;
        int secondLastAt = -1;
        int lastColon = -1;
        int secondLastColon = -1;
        int i = from;
        while (i < text.length() && !endsAuthority(text.charAt(i))) {
            char c = text.charAt(i);
            if (c == '@') {
                secondLastAt = lastAt;
                lastAt = i;
                // user information ends at the last "@": colons before it are not a port
                lastColon = -1;
                secondLastColon = -1;
            } else if (c == ':' || c == '\uFF1A') {
                secondLastColon = lastColon;
                lastColon = i;
            }
            i++;
        }
        authoritySearchedFrom = from;
        cachedAuthorityEnd = i;
        cachedLastAt = lastAt;
        cachedSecondLastAt = secondLastAt;
        cachedLastColon = lastColon;
        cachedSecondLastColon = secondLastColon;
    }

    /**
     * The first URL-ending character at or after {@code from}. URLs found later in the same run
     * of text end at the same place, so the answer is kept and the text scanned only once.
     */
    private int urlEnd(int from) {
        if (from >= endSearchedFrom && from <= cachedEnd) {
            return cachedEnd;
        }
        int e = from;
        while (e < text.length() && !endsUrl(text.charAt(e))) {
            e++;
        }
        endSearchedFrom = from;
        cachedEnd = e;
        return e;
    }

    /**
     * Where the path ends: the first {@code ?} or {@code #} after the authority, or the end of
     * the URL. Cached like {@link #urlEnd}.
     */
    public int pathEnd() {
        if (!(authorityEnd >= pathSearchedFrom && authorityEnd <= cachedPathEnd)) {
            int lastSlash = -1;
            int i = authorityEnd;
            while (i < end && text.charAt(i) != '?' && text.charAt(i) != '#') {
                if (text.charAt(i) == '/') {
                    lastSlash = i;
                }
                i++;
            }
            pathSearchedFrom = authorityEnd;
            cachedPathEnd = i;
            cachedLastSlash = lastSlash;
        }
        return Math.min(cachedPathEnd, end);
    }

    /** Start of the last path segment, or -1 when the URL has no path. */
    public int lastSegmentStart() {
        int stop = pathEnd();
        if (authorityEnd >= stop || text.charAt(authorityEnd) != '/') {
            return -1;
        }
        return (cachedLastSlash >= authorityEnd ? cachedLastSlash : authorityEnd) + 1;
    }

    /**
     * Whether the URL starts the value: only white space, quotes and wrapper prefixes such as
     * {@code url:} or {@code jar:} come before it. A value that is a URL is what a fetch or an
     * include receives; a URL in a sentence is a mention.
     */
    public boolean startsValue() {
        if (valueStart < 0) {
            int i = 0;
            while (i < text.length() && (Ascii.isAsciiSpace(text.charAt(i)) || text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                i++;
            }
            valueStart = i;
        }
        int i = valueStart;
        for (int prefixes = 0; i < schemeStart && prefixes < MAX_PREFIX_SCHEMES; prefixes++) {
            // a prefix scheme ("url:", "jar:", "view-source:") directly before this one
            int word = i;
            while (i < schemeStart && i - word <= MAX_SCHEME && isSchemeChar(text.charAt(i))) {
                i++;
            }
            if (i == word || i >= schemeStart || text.charAt(i) != ':') {
                return false;
            }
            i++;
        }
        return i == schemeStart;
    }

    /** Host classification bits from {@link Hosts}. */
    public int hostFlags() {
        if (hostScratch == null) {
            hostScratch = new char[Hosts.SCRATCH_SIZE];
        }
        return Hosts.classify(text, hostStart, hostEnd, hostScratch);
    }

    public boolean hasHost() {
        return hostEnd > hostStart;
    }

    /** The port number, -1 when absent, -2 when not a number. */
    public int port() {
        if (portStart < 0 || portStart >= portEnd) {
            return -1;
        }
        int value = 0;
        for (int k = portStart; k < portEnd; k++) {
            char c = text.charAt(k);
            if (!Ascii.isDigit(c) || value > 100_000) {
                return -2;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Whether parsers would disagree on the host: a backslash or white space inside the authority,
     * an {@code @} right after the character that ends the authority ({@code evil#@good},
     * {@code evil\@good}, {@code evil?@good}), several {@code @}, or user information that is itself
     * a host name ({@code http://good.com@evil.net}).
     */
    public boolean ambiguousAuthority() {
        if (authorityEnd - authorityStart > MAX_AUTHORITY) {
            return false;
        }
        if (at >= 0 && cachedSecondLastAt >= authorityStart) {
            return true;
        }
        for (int k = Math.max(authorityStart - slashes, authorityStart - 8); k < authorityStart; k++) {
            if (text.charAt(k) == '\\') {
                return true;
            }
        }
        if (authorityEnd < text.length()) {
            char stop = text.charAt(authorityEnd);
            int next = authorityEnd + 1;
            if (stop == '\\' && next < text.length() && Ascii.isAlnum(text.charAt(next))) {
                // http://evil\good or http://\l\o\c\a\l\h\o\s\t: parsers split differently
                return true;
            }
            if ((stop == '#' || stop == '?' || stop == '\\') && next < text.length() && text.charAt(next) == '@') {
                return true;
            }
            if (stop == ' ' || stop == '\t') {
                int k = authorityEnd;
                int limit = Math.min(text.length(), authorityEnd + 6);
                while (k < limit && !Ascii.isAlnum(text.charAt(k)) && text.charAt(k) != '@') {
                    k++;
                }
                if (k < limit && text.charAt(k) == '@') {
                    return true;
                }
            }
        }
        if (at > authorityStart && looksLikeHostName(authorityStart, at)) {
            return true;
        }
        return splitAuthorityInPath();
    }

    /**
     * The decoded form of {@code http://good.com%2f@evil.net/}: a first path segment made only of an
     * optional {@code :password} and {@code @host}, which a parser of the still-encoded URL reads as
     * user information.
     */
    private boolean splitAuthorityInPath() {
        if (authorityEnd >= end || text.charAt(authorityEnd) != '/') {
            return false;
        }
        int segmentStart = authorityEnd + 1;
        int k = segmentStart;
        if (k < end && text.charAt(k) == ':') {
            while (k < end && text.charAt(k) != '@' && text.charAt(k) != '/') {
                k++;
            }
        }
        if (k >= end || text.charAt(k) != '@') {
            return false;
        }
        int hostAfter = k + 1;
        int hostStop = hostAfter;
        while (hostStop < end && text.charAt(hostStop) != '/') {
            hostStop++;
        }
        // only an empty rest may follow: "/@evil.net/" but not "/@user/article"
        if (hostStop < end - 1) {
            return false;
        }
        int lastAt = hostAfter - 1;
        for (int m = hostAfter; m < hostStop; m++) {
            if (text.charAt(m) == '@') {
                lastAt = m;
            }
        }
        return looksLikeHostName(lastAt + 1, hostStop);
    }

    /** A dotted name ending in an alphabetic label of two or more letters, like {@code evil.com}. */
    private boolean looksLikeHostName(int start, int stop) {
        int lastDot = -1;
        for (int k = start; k < stop; k++) {
            char c = text.charAt(k);
            if (c == '.') {
                lastDot = k;
            } else if (!Ascii.isAlnum(c) && c != '-') {
                return false;
            }
        }
        if (lastDot <= start || stop - lastDot - 1 < 2) {
            return false;
        }
        for (int k = lastDot + 1; k < stop; k++) {
            if (!Ascii.isLetter(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Builds the scheme table from pairs of a kind and its scheme names. */
    private static Scheme[] schemes(Object... kindsAndNames) {
        List<Scheme> table = new ArrayList<>();
        for (int i = 0; i < kindsAndNames.length; i += 2) {
            Kind kind = (Kind) kindsAndNames[i];
            for (String name : (String[]) kindsAndNames[i + 1]) {
                table.add(new Scheme(name, kind));
            }
        }
        return table.toArray(new Scheme[0]);
    }

    private static boolean isSchemeChar(char c) {
        return Ascii.isAlnum(c) || c == '+' || c == '-' || c == '.' || c == '_';
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '\\' || c == '?' || c == '#' || endsUrl(c);
    }

    private static boolean endsUrl(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '|';
    }
}
