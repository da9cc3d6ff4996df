package dev.bulwark.core.internal.path;

import dev.bulwark.core.internal.rules.Ascii;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Windows 8.3 short names ({@code WEB-IN~1}, {@code HTACCE~1}, {@code WEB~1.CON}) in a request path.
 *
 * <p>With 8.3 names enabled, NTFS answers a short name with the long file it stands for, so
 * {@code /WEB-IN~1/web.xml} reaches {@code WEB-INF/web.xml} on a Java server that runs on Windows
 * while checks that compare long names see nothing. Windows forms a short name from the long one:
 * leading dots dropped, the first six remaining characters of the base name (dots and blanks
 * removed), {@code ~} and a number, then the first three characters of the last extension. A
 * segment of that shape is matched the same way against the long names it may stand for: six
 * name characters against the start of a long base name, fewer against the whole base name (the
 * long name was shorter), the extension against the start of the long extension. Case is ignored.
 *
 * <p>A segment that is only shaped like a short name ({@code /file~1.txt}, {@code /~user/},
 * {@code 1.2-3~deb12u1}) stands for no sensitive name and passes.
 */
final class ShortNames {

    /** Most name characters a short name keeps before its {@code ~}. */
    private static final int NAME_LENGTH = 6;
    /** Most characters a short name keeps of the extension. */
    private static final int EXTENSION_LENGTH = 3;

    /** Long names, lower case, as (base name, extension cut to three characters), joined by a dot or not. */
    private final Set<String> longNames;
    /** The first six characters of each base name of {@link #longNames} that is six or more long. */
    private final Set<String> longNamePrefixes;
    /**
     * The entries of {@link #longNamePrefixes} with their six name characters cut to one to five,
     * extension kept: a dot-name whose written dot took one of the six places ({@code .HTACC~1} keeps
     * {@code htacc} of {@code htaccess}).
     */
    private final Set<String> shorterPrefixes;
    /** Restricted extensions longer than three characters, cut to three. */
    private final Set<String> cutExtensions;
    /**
     * Base names of one-name entries that start with a dot and are shorter than six characters
     * ({@code env} of {@code .env}): the entry also names longer files that start with it, whose
     * short names keep the base and add an extension ({@code ENV~1.LOC} for {@code .env.local}).
     */
    private final Set<String> dotNameBases;
    /** Shareable suffixes cut to three characters: {@code ENV~1.EXA} is {@code .env.example}. */
    private final Set<String> shareableExtensions;

    /**
     * @param sensitivePaths the sensitive path table, lower case, {@code /} between names: every name
     *     in it is a long name a short name may stand for
     * @param restrictedExtensions lower-case extensions without the dot
     */
    ShortNames(String[] sensitivePaths, Set<String> restrictedExtensions, List<String> shareableSuffixes) {
        Set<String> names = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        Set<String> dotBases = new HashSet<>();
        for (String path : sensitivePaths) {
            String name = shortenedName(path);
            if (name != null) {
                String stripped = stripLeadingDots(name);
                if (stripped.isEmpty()) {
                    continue;
                }
                if (stripped.length() < name.length() && stripped.length() < NAME_LENGTH && stripped.indexOf('.') < 0) {
                    dotBases.add(stripped);
                }
                int dot = stripped.lastIndexOf('.');
                String base = (dot < 0 ? stripped : stripped.substring(0, dot)).replace(".", "");
                String extension = dot < 0 ? "" : stripped.substring(dot + 1);
                extension = extension.substring(0, Math.min(EXTENSION_LENGTH, extension.length()));
                if (base.length() >= NAME_LENGTH) {
                    prefixes.add(base.substring(0, NAME_LENGTH) + "." + extension);
                }
                names.add(base + "." + extension);
            }
        }
        this.longNames = Set.copyOf(names);
        this.longNamePrefixes = Set.copyOf(prefixes);
        Set<String> shorter = new HashSet<>();
        for (String prefix : prefixes) {
            for (int length = 1; length < NAME_LENGTH; length++) {
                shorter.add(prefix.substring(0, length) + prefix.substring(NAME_LENGTH));
            }
        }
        this.shorterPrefixes = Set.copyOf(shorter);
        Set<String> cut = new HashSet<>();
        for (String extension : restrictedExtensions) {
            if (extension.length() > EXTENSION_LENGTH) {
                cut.add(extension.substring(0, EXTENSION_LENGTH));
            }
        }
        this.cutExtensions = Set.copyOf(cut);
        this.dotNameBases = Set.copyOf(dotBases);
        Set<String> shareable = new HashSet<>();
        for (String suffix : shareableSuffixes) {
            shareable.add(suffix.substring(0, Math.min(EXTENSION_LENGTH, suffix.length())));
        }
        this.shareableExtensions = Set.copyOf(shareable);
    }

    /**
     * The long name of a sensitive-path entry that a short name may stand for, or null: the name of a
     * one-name entry ({@code web-inf/}, {@code .git}, {@code web.config}), or the file a longer
     * entry ends in when Windows would give it a short name ({@code .aws/credentials}). The folders
     * of a longer entry ({@code var/log/apache/}, {@code windows/system32/}) are common names that
     * are only sensitive in that place, and a file name that is already a valid 8.3 name
     * ({@code etc/passwd}) gets no short name.
     */
    private static String shortenedName(String path) {
        boolean folder = path.endsWith("/");
        String name = folder ? path.substring(0, path.length() - 1) : path;
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return name;
        }
        name = name.substring(slash + 1);
        return folder || isValidShortName(name) ? null : name;
    }

    /** Whether Windows keeps {@code name} as its own 8.3 name: no leading dot, 8 + 3 characters at most. */
    private static boolean isValidShortName(String name) {
        int dot = name.indexOf('.');
        if (dot == 0 || dot >= 0 && name.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        int base = dot < 0 ? name.length() : dot;
        int extension = dot < 0 ? 0 : name.length() - dot - 1;
        return base <= 8 && extension <= EXTENSION_LENGTH;
    }

    /**
     * Whether {@code text[start, end)} is a short name of a sensitive name, or, in a request path
     * ({@code cutExtensions}), a short name whose extension is a restricted extension longer than
     * three characters, cut to three ({@code APP~1.PRO} would not count; {@code WEB~1.CON} does). In
     * values, cut extensions are left out: {@code .web} or {@code .res} files share them.
     */
    boolean namesSensitive(String text, int start, int end, boolean cutExtensions) {
        int tilde = shortNameTilde(text, start, end);
        if (tilde < 0) {
            return false;
        }
        int nameStart = start;
        while (nameStart < tilde && text.charAt(nameStart) == '.') {
            nameStart++;
        }
        if (nameStart == tilde) {
            return false;
        }
        int dot = indexOfDot(text, tilde, end);
        String extension = dot < 0 ? "" : text.substring(dot + 1, end).toLowerCase(Locale.ROOT);
        if (cutExtensions && extension.length() == EXTENSION_LENGTH && this.cutExtensions.contains(extension)) {
            return true;
        }
        String name = text.substring(nameStart, tilde).toLowerCase(Locale.ROOT) + "." + extension;
        // .HTACC~1: the dot was written but counts towards the six characters as the name was cut
        boolean cut = tilde - start == NAME_LENGTH || tilde - nameStart == NAME_LENGTH;
        return longNames.contains(name) || cut && startsLongName(name, tilde - nameStart)
                || !extension.isEmpty() && !shareableExtensions.contains(extension)
                        && dotNameBases.contains(name.substring(0, tilde - nameStart));
    }

    private boolean startsLongName(String name, int nameLength) {
        if (nameLength == NAME_LENGTH) {
            return longNamePrefixes.contains(name);
        }
        return shorterPrefixes.contains(name);
    }

    /**
     * Whether {@code text[start, end)} probes for short names: a {@code *} or {@code ?} wildcard in
     * a segment that holds {@code ~} and a digit ({@code *~1*}, {@code a*~1.*}), or a short name
     * without name characters ({@code ~1.ASP}), as IIS short-name scanners send them.
     */
    static boolean probesShortNames(String text, int start, int end) {
        boolean tildeDigit = false;
        boolean wildcard = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '~' && i + 1 < end && Ascii.isDigit(text.charAt(i + 1))) {
                tildeDigit = true;
            } else if (c == '*' || c == '?') {
                wildcard = true;
            }
        }
        if (tildeDigit && wildcard) {
            return true;
        }
        if (text.charAt(start) != '~' || shortNameTilde(text, start, end) != start) {
            return false;
        }
        // ~1.ASP, not a version segment such as ~1.2
        int dot = indexOfDot(text, start, end);
        return dot >= 0 && Ascii.isLetter(text.charAt(dot + 1));
    }

    /** The first dot in {@code text[from, end)}, or -1; never reads past {@code end}. */
    private static int indexOfDot(String text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == '.') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the {@code ~} of a short name is when {@code text[start, end)} has the shape of one,
     * else -1: up to six name characters (after any leading dots), {@code ~}, digits starting with
     * 1 to 9, and an optional dot with one to three extension characters.
     */
    private static int shortNameTilde(String text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) == '.') {
            i++;
        }
        int nameStart = i;
        while (i < end && isNameCharacter(text.charAt(i))) {
            i++;
        }
        if (i - nameStart > NAME_LENGTH || i >= end || text.charAt(i) != '~') {
            return -1;
        }
        int tilde = i++;
        if (i >= end || text.charAt(i) < '1' || text.charAt(i) > '9') {
            return -1;
        }
        while (i < end && Ascii.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == end) {
            return tilde;
        }
        if (text.charAt(i) != '.') {
            return -1;
        }
        int extensionStart = ++i;
        while (i < end && isNameCharacter(text.charAt(i))) {
            i++;
        }
        return i == end && i - extensionStart >= 1 && i - extensionStart <= EXTENSION_LENGTH ? tilde : -1;
    }

    /** Characters a short name may hold besides its {@code ~}: letters, digits and 8.3's punctuation. */
    private static boolean isNameCharacter(char c) {
        return Ascii.isAlnum(c) || "-_!#$%&'@^`{}()".indexOf(c) >= 0;
    }

    private static String stripLeadingDots(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '.') {
            i++;
        }
        return name.substring(i);
    }
}
