package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;

/**
 * File names of uploads: the multipart file name, and the headers that upload APIs and
 * JavaScript uploaders use to carry it ({@code X-Filename}, {@code X-File-Name}, ...). A server
 * that stores an upload under its client-chosen name and serves it from a script-enabled folder
 * runs it: a web shell (CWE-434).
 */
public final class UploadNames {

    private UploadNames() {}

    /** Whether the target holds a client-chosen file name. */
    public static boolean isFileName(ScanTarget target) {
        if (target.component() == Component.FILENAME) {
            return true;
        }
        if (target.source() != Source.HEADER || target.component() != Component.VALUE) {
            return false;
        }
        String name = target.name();
        int letters = 0;
        StringBuilder compact = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                continue;
            }
            if (++letters > 9) {
                return false;
            }
            if (compact == null) {
                compact = new StringBuilder(9);
            }
            compact.append(Ascii.lower(c));
        }
        return compact != null && compact.toString().equals("xfilename");
    }

    /** Start of the base name: after the last slash or backslash that is not trailing. */
    public static int baseNameStart(String path) {
        return baseNameStart(path, withoutTrailingSeparators(path));
    }

    /** The length of {@code path} without its trailing slashes and backslashes. */
    private static int withoutTrailingSeparators(String path) {
        int end = path.length();
        while (end > 0 && (path.charAt(end - 1) == '/' || path.charAt(end - 1) == '\\')) {
            end--;
        }
        return end;
    }

    /** Start of the base name of {@code path[0, end)}. */
    private static int baseNameStart(String path, int end) {
        int i = end - 1;
        while (i >= 0 && path.charAt(i) != '/' && path.charAt(i) != '\\') {
            i--;
        }
        return i + 1;
    }

    /**
     * Where the name {@code s[from, to)} ends once the trailing dots and blanks that Windows drops
     * are gone ({@code site.ini. } is {@code site.ini}).
     */
    public static int windowsNameEnd(CharSequence s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == '.' || Ascii.isSpace(s.charAt(to - 1)))) {
            to--;
        }
        return to;
    }

    /**
     * Whether an extension of the base name (any of them when {@code anyPosition}, else the last)
     * is accepted by {@code extension}. The name ends where servers end it: at a {@code ;} (IIS,
     * path parameters: {@code shell.jsp;.png}), a {@code :} (NTFS streams: {@code x.jsp::$DATA}),
     * a NUL or a left-over {@code %00} (C file APIs); spaces around an extension and trailing dots
     * and spaces are ignored, as Windows and some servers ignore them, and so are trailing slashes
     * and backslashes, which Java's {@code File} and {@code Path} drop ({@code x.jsp/} is {@code x.jsp}).
     */
    public static boolean hasExtension(String path, ExtensionTest extension, boolean anyPosition) {
        int limit = withoutTrailingSeparators(path);
        int start = baseNameStart(path, limit);
        int end = servedNameEnd(path, start, limit);
        end = windowsNameEnd(path, start, end);
        int firstDot = -1;
        for (int i = start; i < end; i++) {
            if (path.charAt(i) == '.') {
                firstDot = i;
                break;
            }
        }
        if (firstDot < 0) {
            return false;
        }
        int segEnd = end;
        for (int i = end - 1; i >= firstDot; i--) {
            if (path.charAt(i) == '.') {
                int a = i + 1;
                int b = segEnd;
                while (a < b && Ascii.isSpace(path.charAt(a))) {
                    a++;
                }
                while (b > a && Ascii.isSpace(path.charAt(b - 1))) {
                    b--;
                }
                if (b > a && extension.accepts(path, a, b)) {
                    return true;
                }
                if (!anyPosition) {
                    return false;
                }
                segEnd = i;
            }
        }
        return false;
    }

    /** Where a server ends the name that starts at {@code start}: see {@link #hasExtension}. */
    private static int servedNameEnd(String path, int start, int limit) {
        for (int i = start; i < limit; i++) {
            char c = path.charAt(i);
            if (c == ';' || c == ':' || c == '\0'
                    || (c == '%' && i + 2 < limit && path.charAt(i + 1) == '0' && path.charAt(i + 2) == '0')) {
                return i;
            }
        }
        return limit;
    }

    /** Tests one extension, given as a range of a string. */
    @FunctionalInterface
    public interface ExtensionTest {
        boolean accepts(String s, int from, int to);
    }
}
