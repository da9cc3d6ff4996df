package dev.bulwark.spring.internal;

/**
 * The Spring Boot lines the starter supports: 3.5 and 4. On another line its auto-configuration
 * could be skipped without a word (on 2.x the servlet API is {@code javax}, and the filter's class
 * does not load) or half-apply, leaving an application believed protected unprotected; so
 * start-up stops instead, saying why.
 */
public final class BootLine {

    private BootLine() {
    }

    /**
     * Returns when {@code version} is of a supported line, or cannot be told (a repackaged Spring
     * Boot without its manifest reports {@code null}).
     *
     * @throws IllegalStateException on any other line
     */
    public static void requireSupported(String version) {
        if (version == null || version.isBlank() || supported(version)) {
            return;
        }
        throw new IllegalStateException("Bulwark supports Spring Boot 3.5 and 4.x, but this application runs Spring Boot "
                + version + ", on which Bulwark would not protect it. Use Spring Boot 3.5 or 4.x, or remove "
                + "bulwark-spring-boot-starter and install the Bulwark servlet filter yourself.");
    }

    /** Whether {@code version} ({@code major.minor[.patch[-qualifier]]}) is 3.5 or later in 3.x, or 4.x. */
    static boolean supported(String version) {
        String[] parts = version.trim().split("\\.", 3);
        if (parts.length < 2) {
            return false;
        }
        int major = leadingNumber(parts[0]);
        int minor = leadingNumber(parts[1]);
        return (major == 3 && minor >= 5) || major == 4;
    }

    private static int leadingNumber(String text) {
        int value = 0;
        int i = 0;
        while (i < text.length() && i < 6 && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i == 0 ? -1 : value;
    }
}
