package dev.bulwark.core.internal.ssrf;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.BestFinding;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Hosts;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;
import dev.bulwark.core.internal.rules.UrlCursor;

/**
 * Server-side request forgery (key {@code SSRF}): values that point a server-side fetch at the
 * server itself, its private network or a cloud metadata service, or that use a protocol able to
 * smuggle requests to internal services.
 *
 * <p>The authority of every URL is parsed by hand ({@link UrlCursor}), and its host classified in
 * every notation resolvers accept ({@link Hosts}): {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1}, {@code 127.1}, {@code [::ffff:127.0.0.1]}, circled and full-width digits. A
 * host written in such a notation is reported even when public: no legitimate link is written
 * that way. So are authorities that parsers split differently ({@code http://evil#@127.0.0.1}),
 * and hosts that embed another domain ({@code example.com.evil.net}), the shapes used to get past
 * allow-lists. A host name without scheme counts only at the start of the value and followed by a
 * path or port ({@code localhost/admin}).
 *
 * @see <a href="https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/">OWASP Top 10 A10:2021</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/918.html">CWE-918</a>
 */
public final class SsrfDetector extends RuleFamily {

    public SsrfDetector() {
        super(SsrfRules.KEY, SsrfRules.ALL);
    }

    /**
     * Characters without which nothing is found: a URL's colon, the slash or port colon after a
     * schemeless host, or an escape that may decode to one of them.
     */
    private static final AsciiSet CANDIDATES = AsciiSet.of(":/%");

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String text = Text.addressReading(target, CANDIDATES);
        if (text == null) {
            return;
        }
        sink = Text.sinkFor(target, text, sink);
        if (scanSchemelessHost(text, sink)) {
            return;
        }
        if (!UrlCursor.mayContainUrl(text)) {
            return;
        }
        if (scanUnixSocket(text, sink)) {
            return;
        }
        boolean body = target.source().isBody();
        BestFinding.reportStrongestUrl(text, url -> {
            RuleDefinition rule = judge(text, url);
            // a URL mentioned in running text of a body is not a fetch target
            return rule == null || (body && rule != SsrfRules.METADATA && !url.startsValue()) ? null : rule;
        }, sink);
    }

    /** The rule this URL matches, or null. */
    private static RuleDefinition judge(String text, UrlCursor url) {
        if (url.kind == UrlCursor.Kind.LOCAL_WRAPPER || !url.hasHost()) {
            return null;
        }
        if (url.slashes == 0 && !startsLikeAddress(text.charAt(url.hostStart))) {
            // "http:127.0.0.1", "gopher:0x7f000001": lenient parsers accept a missing "//"
            return null;
        }
        int flags = url.hostFlags();
        if ((flags & Hosts.METADATA) != 0) {
            return SsrfRules.METADATA;
        }
        if ((flags & Hosts.INTERNAL) != 0) {
            return SsrfRules.INTERNAL_HOST;
        }
        if ((flags & Hosts.OBFUSCATED) != 0) {
            return SsrfRules.OBFUSCATED_HOST;
        }
        if (url.kind == UrlCursor.Kind.SMUGGLING) {
            return SsrfRules.SMUGGLING_SCHEME;
        }
        int port = url.port();
        if (url.ambiguousAuthority() || (flags & Hosts.EMBEDDED_DOMAIN) != 0 || port == -2) {
            return SsrfRules.AMBIGUOUS_AUTHORITY;
        }
        if (url.kind == UrlCursor.Kind.WEB && port >= 0 && port != 80 && port != 443 && port != 8080 && port != 8443) {
            return SsrfRules.UNUSUAL_PORT;
        }
        return null;
    }

    private static boolean startsLikeAddress(char c) {
        return Ascii.isDigit(c) || c == '[' || Hosts.fold(c) >= 0;
    }

    /**
     * Whether the port whose digits start at {@code digits} is followed by a blank: a host and port
     * named in a sentence ("localhost:3000 not loading"), not an address a server fetches, which
     * ends there or goes on with a path, a query or a line break.
     */
    private static boolean followedByProse(String text, int digits) {
        int i = digits;
        while (i < text.length() && Ascii.isDigit(text.charAt(i))) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t');
    }

    /**
     * {@code localhost/admin}, {@code 169.254.169.254/latest}, {@code 127.0.0.1:6379}: an internal
     * host at the start of the value, followed by a path or a port. A bare word ("localhost") is not
     * enough, nor a host and port that a sentence goes on after.
     */
    private static boolean scanSchemelessHost(String text, DetectionSink sink) {
        int start = 0;
        if (text.startsWith("//")) {
            start = 2;
        }
        int i = start;
        int length = text.length();
        int limit = Math.min(length, start + Hosts.MAX_HOST);
        if (i < length && text.charAt(i) == '[') {
            int close = text.indexOf(']', i);
            if (close < 0 || close >= limit) {
                return false;
            }
            i = close + 1;
        } else {
            while (i < limit && isHostChar(text.charAt(i))) {
                i++;
            }
        }
        if (i == start || i >= length) {
            return false;
        }
        if (Ascii.isDigit(text.charAt(start)) && dots(text, start, i) != 3) {
            // "0.9.1/notes" is a version, not an address: without a scheme only dotted quads count
            return false;
        }
        char after = text.charAt(i);
        boolean port = after == ':' && i + 1 < length && Ascii.isDigit(text.charAt(i + 1));
        if (after != '/' && !port) {
            return false;
        }
        if (port && followedByProse(text, i + 1)) {
            return false;
        }
        int flags = Hosts.classify(text, start, i);
        if ((flags & Hosts.METADATA) != 0) {
            sink.report(SsrfRules.METADATA, 0, i);
            return true;
        }
        if ((flags & Hosts.INTERNAL) != 0) {
            sink.report(SsrfRules.INTERNAL_HOST, 0, i);
            return true;
        }
        return false;
    }

    private static int dots(String text, int start, int end) {
        int dots = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }

    private static boolean isHostChar(char c) {
        return Ascii.isAlnum(c) || c == '.' || c == '-' || c == '_' || Hosts.fold(c) >= 0;
    }

    /** {@code unix:/path/to.sock|http://backend/}: the Apache mod_proxy socket syntax. */
    private static boolean scanUnixSocket(String text, DetectionSink sink) {
        int from = 0;
        while (true) {
            int unix = Ascii.indexOfIgnoreCase(text, "unix:", from);
            if (unix < 0) {
                return false;
            }
            from = unix + 5;
            if (unix > 0 && Ascii.isAlnum(text.charAt(unix - 1))) {
                continue;
            }
            int i = from;
            while (i < text.length() && text.charAt(i) != '|' && !Ascii.isAsciiSpace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '|') {
                if (text.indexOf("://", i) < 0) {
                    // no URL after this pipe, so none after a later one: stop, or each would search again
                    return false;
                }
                sink.report(SsrfRules.UNIX_SOCKET, unix, i + 1 - unix);
                return true;
            }
            // every later "unix:" before i ends at the same place
            from = Math.max(from, i);
        }
    }
}
