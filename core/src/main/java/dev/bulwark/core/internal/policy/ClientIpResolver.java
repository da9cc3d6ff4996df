package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Client;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.ClientIpConfig;
import dev.bulwark.core.config.IpRange;
import dev.bulwark.core.config.IpRules;
import dev.bulwark.core.internal.rules.Excerpts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves the client address of a request ({@code client-ip:}), see {@link ClientIpConfig}. Every
 * field line of a header counts, whatever the case of its name, in the order received: a client
 * cannot hide an entry by sending the header twice or in other letters.
 *
 * <p>Publishes the result as the decision attributes {@value Decision#CLIENT_ADDRESS_ATTRIBUTE} and
 * {@value Decision#CLIENT_SECURE_ATTRIBUTE}, so adapters log the resolved address and know whether the client
 * spoke HTTPS behind a TLS-terminating proxy.
 */
public final class ClientIpResolver {

    /** Rule key of client-address findings. */
    public static final String RULE_KEY = "CLIENT-IP";

    private static final String FORWARDED_FOR = "x-forwarded-for";

    private final ClientIpConfig config;
    /** The lower-case name of the configured client address header, or {@code null}. */
    private final String header;

    public ClientIpResolver(ClientIpConfig config) {
        this.config = config;
        this.header = config.lowerCaseHeader();
    }

    /** Resolves the client of {@code inspection}'s request and publishes it as attributes. */
    public Client resolve(Inspection inspection) {
        HttpRequest request = inspection.request();
        String peer = request.remoteAddress();
        boolean trusted = config.trustsPeer(peer);
        String address = switch (config.source()) {
            case CONNECTION -> peer;
            case X_FORWARDED_FOR -> trusted ? fromForwardedFor(inspection, peer) : peer;
            case HEADER -> fromHeader(inspection, peer, trusted);
        };
        Headers headers = request.headers();
        boolean secure = request.secure() || (trusted && "https".equalsIgnoreCase(firstElement(headers, "x-forwarded-proto")));
        String host = trusted ? firstElement(headers, "x-forwarded-host") : null;
        if (host == null || host.isEmpty()) {
            List<String> hosts = headers.values("host");
            host = hosts.size() == 1 ? hosts.get(0).trim() : null;
        }
        inspection.attribute(Decision.CLIENT_ADDRESS_ATTRIBUTE, address);
        inspection.attribute(Decision.CLIENT_SECURE_ATTRIBUTE, secure);
        return new Client(peer, address, secure, host, trusted);
    }

    private String fromForwardedFor(Inspection inspection, String peer) {
        List<String> entries = new ArrayList<>();
        for (String value : inspection.request().headers().values(FORWARDED_FOR)) {
            for (String entry : value.split(",", -1)) {
                entries.add(entry.trim());
            }
        }
        if (entries.isEmpty()) {
            return peer;
        }
        if (config.trustedHops() > 0) {
            String entry = entries.get(Math.max(0, entries.size() - config.trustedHops()));
            String literal = literal(entry);
            if (literal == null) {
                malformed(inspection, FORWARDED_FOR, entry, Mode.LOG_ONLY);
                return peer;
            }
            return literal;
        }
        String literal = null;
        for (int i = entries.size() - 1; i >= 0; i--) {
            literal = literal(entries.get(i));
            if (literal == null) {
                malformed(inspection, FORWARDED_FOR, entries.get(i), Mode.LOG_ONLY);
                return peer;
            }
            if (!IpRules.containsAny(config.trustedProxies(), literal)) {
                return literal;
            }
        }
        // Every entry is a trusted proxy: the farthest one is the closest thing to a client.
        return literal;
    }

    private String fromHeader(Inspection inspection, String peer, boolean trusted) {
        Mode mode = config.required() ? Mode.BLOCK : Mode.LOG_ONLY;
        if (!trusted) {
            if (config.required()) {
                report(inspection, "CLIENT-IP-UNTRUSTED-PEER", "request did not come through a trusted proxy",
                        Location.REQUEST, peer, Mode.BLOCK);
            }
            return peer;
        }
        List<String> values = inspection.request().headers().values(header);
        if (values.isEmpty()) {
            if (config.required()) {
                report(inspection, "CLIENT-IP-MISSING", "the client address header " + header + " is missing",
                        Location.value(Source.HEADER, header), "", Mode.BLOCK);
            }
            return peer;
        }
        if (values.size() > 1) {
            report(inspection, "CLIENT-IP-AMBIGUOUS", "the client address header " + header + " was sent "
                    + values.size() + " times; using the connection address", Location.value(Source.HEADER, header),
                    String.join(", ", values), mode);
            return peer;
        }
        String literal = literal(values.get(0));
        if (literal == null) {
            malformed(inspection, header, values.get(0), mode);
            return peer;
        }
        return literal;
    }

    private static void malformed(Inspection inspection, String header, String entry, Mode mode) {
        report(inspection, "CLIENT-IP-MALFORMED", header + " holds an entry that is not an IP address; using the connection address",
                Location.value(Source.HEADER, header), entry, mode);
    }

    private static void report(Inspection inspection, String ruleId, String description, Location location,
            String excerpt, Mode mode) {
        inspection.report(new Finding(RULE_KEY, ruleId, description, location,
                Excerpts.of(location, excerpt, 0, Excerpts.MAX_LENGTH), Level.BASIC, mode, BlockType.MALFORMED, 400));
    }

    /** The first comma-separated element of the first field line of a header, trimmed; {@code null} when absent. */
    private static String firstElement(Headers headers, String name) {
        String value = headers.first(name);
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }

    /**
     * The IP literal in a forwarding entry: an IPv4 or IPv6 address, optionally with a port
     * ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}); {@code null} for anything else
     * ({@code unknown}, host names, obfuscated identifiers, ranges, zone ids).
     */
    static String literal(String entry) {
        String text = entry.trim();
        if (text.isEmpty() || text.length() > 64 || text.indexOf('/') >= 0 || text.indexOf('%') >= 0) {
            return null;
        }
        String address;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !isPort(rest)) {
                return null;
            }
            address = text.substring(1, close);
        } else {
            int colons = (int) text.chars().filter(c -> c == ':').count();
            if (colons == 1) {
                int colon = text.indexOf(':');
                if (!isPort(text.substring(colon))) {
                    return null;
                }
                address = text.substring(0, colon);
            } else {
                address = text;
            }
        }
        if (address.isEmpty()) {
            return null;
        }
        try {
            IpRange.parse(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static boolean isPort(String text) {
        if (text.length() < 2 || text.length() > 6 || text.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
