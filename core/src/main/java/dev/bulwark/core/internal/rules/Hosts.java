package dev.bulwark.core.internal.rules;

/**
 * Classifies the host of a URL authority: IP literal in any notation a URL parser or
 * {@code inet_aton} accepts, address range, names that resolve to the local machine or a cloud
 * metadata service, and look-alike characters that IDNA folds to ASCII.
 *
 * <p>The result is a bit set. Hosts longer than {@link #MAX_HOST} characters are classified as
 * ordinary names: no resolver accepts them.
 */
public final class Hosts {

    /** An IPv4 or IPv6 literal. */
    public static final int IP = 1;
    /** A notation other than the canonical one: integer, hex, octal, short form, look-alikes. */
    public static final int OBFUSCATED = 1 << 1;
    /** Loopback, unspecified, private, link-local, shared or other non-public ranges and names. */
    public static final int INTERNAL = 1 << 2;
    /** A cloud instance metadata service. */
    public static final int METADATA = 1 << 3;
    /** Loopback (127.0.0.0/8, ::1, localhost) or the unspecified address. */
    public static final int LOOPBACK = 1 << 4;
    /** The host embeds a second registrable domain ({@code example.com.evil.net}). */
    public static final int EMBEDDED_DOMAIN = 1 << 5;

    public static final int MAX_HOST = 255;
    /** Size of the buffer {@link #classify(CharSequence, int, int, char[])} needs. */
    public static final int SCRATCH_SIZE = MAX_HOST * 2;

    /** Names that resolve to the local machine or a container host. */
    private static final String[] INTERNAL_NAMES = {
        "localhost", "localhost.localdomain", "localhost4", "localhost4.localdomain4", "localhost6",
        "localhost6.localdomain6", "ip6-localhost", "ip6-loopback", "ipv6-localhost", "ipv6-loopback",
        "localtest.me", "lvh.me", "vcap.me", "lacolhost.com", "kubernetes", "kubernetes.default",
    };

    /** Suffixes of names that only resolve inside a private network or to loopback. */
    private static final String[] INTERNAL_SUFFIXES = {
        ".localhost", ".localdomain", ".internal", ".local", ".cluster.local", ".svc", ".home.arpa",
        ".localtest.me", ".lvh.me", ".vcap.me",
    };

    /** Names of cloud instance metadata services. */
    private static final String[] METADATA_NAMES = {
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data",
        "instance-data.ec2.internal", "metadata.packet.net", "metadata.platformequinix.com",
        "metadata.tencentyun.com", "metadata.azure.com",
    };

    /** Registrable-domain endings that, found before further labels, reveal an embedded domain. */
    private static final String[] COMMON_TLDS = {"com", "net", "org", "io", "gov", "edu"};

    private Hosts() {
    }

    /** Classifies {@code text[start, end)}, the host part of an authority (brackets included). */
    public static int classify(CharSequence text, int start, int end) {
        return classify(text, start, end, new char[SCRATCH_SIZE]);
    }

    /** As {@link #classify(CharSequence, int, int)}, folding the host into {@code scratch}. */
    public static int classify(CharSequence text, int start, int end, char[] scratch) {
        int length = end - start;
        if (length <= 0 || length > MAX_HOST) {
            return 0;
        }
        char[] host = scratch;
        int n = 0;
        int flags = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                host[n++] = Ascii.lower(c);
                continue;
            }
            int folded = fold(c);
            if (folded < 0) {
                host[n++] = c;
                continue;
            }
            flags |= OBFUSCATED;
            if (folded >= 1000) {
                // a circled number of two digits, e.g. U+2469 for 10
                int number = folded - 1000;
                host[n++] = (char) ('0' + number / 10);
                host[n++] = (char) ('0' + number % 10);
            } else {
                host[n++] = (char) folded;
            }
        }
        if (n > 0 && host[0] == '[') {
            int close = indexOf(host, n, ']');
            int stop = close < 0 ? n : close;
            return flags | classifyIpv6(host, 1, stop);
        }
        if (count(host, n, ':') >= 2) {
            return flags | classifyIpv6(host, 0, n);
        }
        long ipv4 = parseIpv4(host, 0, n);
        if (ipv4 >= 0) {
            int result = flags | IP | classifyIpv4(ipv4 & 0xFFFFFFFFL);
            if ((ipv4 & NON_CANONICAL) != 0) {
                result |= OBFUSCATED;
            }
            return result;
        }
        return flags | classifyName(host, n);
    }

    /** Marks a non-canonical notation in the result of {@link #parseIpv4}. */
    private static final long NON_CANONICAL = 1L << 40;

    /**
     * Parses an IPv4 address the way {@code inet_aton} and the WHATWG URL parser do: one to four
     * parts, each decimal, octal (leading 0) or hex (leading 0x); the last part fills the remaining
     * bytes. Returns -1 when {@code host[start, end)} is not such an address; otherwise the address
     * in the low 32 bits, with {@link #NON_CANONICAL} set for anything but four plain decimal bytes.
     * Values that overflow keep their low bits, as lenient parsers do.
     */
    public static long parseIpv4(char[] host, int start, int end) {
        if (start >= end) {
            return -1;
        }
        int stop = end;
        boolean nonCanonical = false;
        if (host[stop - 1] == '.') {
            stop--;
            nonCanonical = true;
        }
        long[] parts = new long[4];
        int count = 0;
        int i = start;
        while (i < stop) {
            if (count == 4) {
                return -1;
            }
            int partEnd = i;
            while (partEnd < stop && host[partEnd] != '.') {
                partEnd++;
            }
            if (partEnd == i) {
                return -1;
            }
            long value = 0;
            boolean overflow = false;
            if (partEnd - i >= 2 && host[i] == '0' && (host[i + 1] == 'x' || host[i + 1] == 'X')) {
                nonCanonical = true;
                for (int k = i + 2; k < partEnd; k++) {
                    if (!Ascii.isHexDigit(host[k])) {
                        return -1;
                    }
                    value = (value << 4) | Ascii.hexValue(host[k]);
                    if (value > 0xFFFFFFFFL) {
                        overflow = true;
                        value &= 0xFFFFFFFFL;
                    }
                }
            } else if (partEnd - i >= 2 && host[i] == '0') {
                nonCanonical = true;
                for (int k = i + 1; k < partEnd; k++) {
                    if (host[k] < '0' || host[k] > '7') {
                        return -1;
                    }
                    value = (value << 3) | (host[k] - '0');
                    if (value > 0xFFFFFFFFL) {
                        overflow = true;
                        value &= 0xFFFFFFFFL;
                    }
                }
            } else {
                for (int k = i; k < partEnd; k++) {
                    if (!Ascii.isDigit(host[k])) {
                        return -1;
                    }
                    value = value * 10 + (host[k] - '0');
                    if (value > 0xFFFFFFFFL) {
                        overflow = true;
                        value &= 0xFFFFFFFFL;
                    }
                }
            }
            if (overflow) {
                nonCanonical = true;
            }
            parts[count++] = value;
            i = partEnd + 1;
        }
        if (count == 0 || (stop > start && host[stop - 1] == '.')) {
            return -1;
        }
        if (count != 4) {
            nonCanonical = true;
        }
        long address = 0;
        for (int p = 0; p < count - 1; p++) {
            if (parts[p] > 255) {
                nonCanonical = true;
            }
            address |= (parts[p] & 0xFF) << (24 - 8 * p);
        }
        long last = parts[count - 1];
        int lastBits = 32 - 8 * (count - 1);
        long lastMask = lastBits == 32 ? 0xFFFFFFFFL : (1L << lastBits) - 1;
        if (last > lastMask) {
            nonCanonical = true;
        }
        address |= last & lastMask;
        return nonCanonical ? address | NON_CANONICAL : address;
    }

    /** Range flags for an IPv4 address. */
    public static int classifyIpv4(long address) {
        int a = (int) (address >>> 24);
        int b = (int) ((address >>> 16) & 0xFF);
        if (address == 0xA9FEA9FEL || address == 0xA9FEAA02L || address == 0x646464C8L
                || address == 0xC00000C0L) {
            // 169.254.169.254 (most clouds), 169.254.170.2 (ECS tasks), 100.100.100.200 (Alibaba),
            // 192.0.0.192 (Oracle)
            return INTERNAL | METADATA;
        }
        if (a == 127 || a == 0) {
            return INTERNAL | LOOPBACK;
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127)
                || (a == 192 && b == 0 && ((address >>> 8) & 0xFF) == 0) || (a == 198 && (b == 18 || b == 19))
                || a >= 224) {
            return INTERNAL;
        }
        return 0;
    }

    /** Parses and classifies an IPv6 literal (without brackets); 0 when it is not one. */
    private static int classifyIpv6(char[] host, int start, int end) {
        int stop = end;
        int zone = indexOf(host, start, end, '%');
        if (zone >= 0) {
            stop = zone;
        }
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = start;
        long embeddedIpv4 = -1;
        if (stop - i >= 2 && host[i] == ':' && host[i + 1] == ':') {
            compressAt = 0;
            i += 2;
        } else if (i < stop && host[i] == ':') {
            return 0;
        }
        while (i < stop) {
            int groupEnd = i;
            while (groupEnd < stop && host[groupEnd] != ':') {
                groupEnd++;
            }
            if (groupEnd == i) {
                return 0;
            }
            if (indexOf(host, i, groupEnd, '.') >= 0) {
                if (groupEnd != stop || count > 6) {
                    return 0;
                }
                embeddedIpv4 = parseIpv4(host, i, groupEnd);
                if (embeddedIpv4 < 0) {
                    return 0;
                }
                groups[count++] = (int) ((embeddedIpv4 >>> 16) & 0xFFFF);
                groups[count++] = (int) (embeddedIpv4 & 0xFFFF);
                i = groupEnd;
                break;
            }
            if (groupEnd - i > 4 || count == 8) {
                return 0;
            }
            int value = 0;
            for (int k = i; k < groupEnd; k++) {
                if (!Ascii.isHexDigit(host[k])) {
                    return 0;
                }
                value = (value << 4) | Ascii.hexValue(host[k]);
            }
            groups[count++] = value;
            i = groupEnd;
            if (i < stop) {
                i++;
                if (i < stop && host[i] == ':') {
                    if (compressAt >= 0) {
                        return 0;
                    }
                    compressAt = count;
                    i++;
                } else if (i == stop) {
                    return 0;
                }
            }
        }
        int[] full = new int[8];
        if (compressAt >= 0) {
            if (count > 7) {
                return 0;
            }
            int tail = count - compressAt;
            System.arraycopy(groups, 0, full, 0, compressAt);
            System.arraycopy(groups, compressAt, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return 0;
            }
            System.arraycopy(groups, 0, full, 0, 8);
        }
        int flags = IP;
        boolean firstFiveZero = full[0] == 0 && full[1] == 0 && full[2] == 0 && full[3] == 0 && full[4] == 0;
        long low32 = ((long) full[6] << 16) | full[7];
        if (firstFiveZero && (full[5] == 0xFFFF || full[5] == 0)) {
            if (full[5] == 0 && low32 == 1) {
                return flags | INTERNAL | LOOPBACK;
            }
            if (full[5] == 0 && low32 == 0) {
                return flags | INTERNAL | LOOPBACK;
            }
            // IPv4-mapped or IPv4-compatible: an IPv4 address in IPv6 clothing
            return flags | OBFUSCATED | classifyIpv4(low32);
        }
        if (full[0] == 0x64 && full[1] == 0xff9b && full[2] == 0 && full[3] == 0 && full[4] == 0 && full[5] == 0) {
            return flags | OBFUSCATED | classifyIpv4(low32);
        }
        if (full[0] == 0xfd00 && full[1] == 0x0ec2 && full[2] == 0 && full[3] == 0 && full[4] == 0
                && full[5] == 0 && full[6] == 0 && full[7] == 0x254) {
            return flags | INTERNAL | METADATA;
        }
        if ((full[0] & 0xFE00) == 0xFC00 || (full[0] & 0xFFC0) == 0xFE80 || (full[0] & 0xFFC0) == 0xFEC0
                || (full[0] & 0xFF00) == 0xFF00) {
            return flags | INTERNAL;
        }
        return flags;
    }

    private static int classifyName(char[] host, int n) {
        int end = n;
        if (end > 0 && host[end - 1] == '.') {
            end--;
        }
        if (end == 0) {
            return 0;
        }
        for (String name : METADATA_NAMES) {
            if (equals(host, end, name)) {
                return INTERNAL | METADATA;
            }
        }
        for (String name : INTERNAL_NAMES) {
            if (equals(host, end, name)) {
                return INTERNAL | LOOPBACK;
            }
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (endsWith(host, end, suffix)) {
                return INTERNAL;
            }
        }
        int flags = embeddedIpv4Name(host, end);
        if (flags != 0) {
            return flags;
        }
        return embeddedDomain(host, end) ? EMBEDDED_DOMAIN : 0;
    }

    /**
     * Wildcard DNS services (nip.io and friends) resolve {@code 127.0.0.1.nip.io} to the address in
     * the name: classify that address.
     */
    private static int embeddedIpv4Name(char[] host, int end) {
        String[] services = {".nip.io", ".sslip.io", ".xip.io", ".traefik.me", ".localtest.me"};
        for (String service : services) {
            if (endsWith(host, end, service)) {
                int prefixEnd = end - service.length();
                // the address is the last four dotted labels before the service name
                int dots = 0;
                int start = prefixEnd;
                while (start > 0) {
                    if (host[start - 1] == '.' || host[start - 1] == '-') {
                        dots++;
                        if (dots == 4) {
                            break;
                        }
                    }
                    start--;
                }
                char[] candidate = new char[prefixEnd - start];
                for (int k = start; k < prefixEnd; k++) {
                    candidate[k - start] = host[k] == '-' ? '.' : host[k];
                }
                long ipv4 = parseIpv4(candidate, 0, candidate.length);
                if (ipv4 >= 0) {
                    return IP | OBFUSCATED | classifyIpv4(ipv4 & 0xFFFFFFFFL);
                }
                return 0;
            }
        }
        return 0;
    }

    /**
     * Whether a common top-level label ({@code com}, {@code net}, ...) sits in the middle of the name
     * with at least two labels after it: {@code example.com.evil.net}. A country code after it
     * ({@code example.com.au}) is an ordinary second-level registration.
     */
    private static boolean embeddedDomain(char[] host, int end) {
        int labelStart = 0;
        int labelIndex = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || host[i] == '.') {
                if (labelIndex > 0 && i < end) {
                    for (String tld : COMMON_TLDS) {
                        if (regionEquals(host, labelStart, i, tld) && labelsAfter(host, i + 1, end) >= 2) {
                            return true;
                        }
                    }
                }
                labelIndex++;
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static int labelsAfter(char[] host, int from, int end) {
        if (from >= end) {
            return 0;
        }
        int labels = 1;
        for (int i = from; i < end; i++) {
            if (host[i] == '.') {
                labels++;
            }
        }
        return labels;
    }

    /**
     * Folds look-alike characters that IDNA (UTS #46) maps to ASCII digits, letters and dots:
     * full-width forms, ideographic full stops, circled digits and letters. Returns -1 for other
     * characters, 1000 + n for circled numbers of two digits.
     */
    public static int fold(char c) {
        if (c == '\u3002' || c == '\uFF0E' || c == '\uFF61') {
            return '.';
        }
        if (c >= '\uFF10' && c <= '\uFF19') {
            return '0' + (c - '\uFF10');
        }
        if (c >= '\uFF21' && c <= '\uFF3A') {
            return 'a' + (c - '\uFF21');
        }
        if (c >= '\uFF41' && c <= '\uFF5A') {
            return 'a' + (c - '\uFF41');
        }
        if (c == '\uFF1A') {
            return ':';
        }
        if (c == '\u24EA' || c == '\u24FF') {
            return '0';
        }
        if (c >= '\u2460' && c <= '\u2473') {
            int number = c - '\u2460' + 1;
            return number < 10 ? '0' + number : 1000 + number;
        }
        if (c >= '\u24B6' && c <= '\u24CF') {
            return 'a' + (c - '\u24B6');
        }
        if (c >= '\u24D0' && c <= '\u24E9') {
            return 'a' + (c - '\u24D0');
        }
        return -1;
    }

    private static boolean equals(char[] host, int end, String name) {
        return end == name.length() && regionEquals(host, 0, end, name);
    }

    private static boolean endsWith(char[] host, int end, String suffix) {
        int start = end - suffix.length();
        return start > 0 && regionEquals(host, start, end, suffix);
    }

    private static boolean regionEquals(char[] host, int start, int end, String lower) {
        if (end - start != lower.length()) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (host[i] != lower.charAt(i - start)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(char[] host, int n, char c) {
        return indexOf(host, 0, n, c);
    }

    private static int indexOf(char[] host, int start, int end, char c) {
        for (int i = start; i < end; i++) {
            if (host[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int count(char[] host, int n, char c) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (host[i] == c) {
                count++;
            }
        }
        return count;
    }
}
