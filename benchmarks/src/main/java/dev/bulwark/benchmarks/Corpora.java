package dev.bulwark.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the shared request corpora. They live beside the repository ({@code ../shared/corpora}
 * seen from its root), are never copied into it, and may be absent: callers then skip cleanly.
 */
public final class Corpora {

    /** System property naming the corpora folder; takes precedence over the search. */
    public static final String PROPERTY = "bulwark.corpora";

    /** How many parent folders of the working directory are searched for {@code shared/corpora}. */
    private static final int SEARCH_DEPTH = 3;

    /** The corpus of the OWASP CRS regression tests, whose attack families are the headline figure. */
    public static final String CRS_REGRESSION = "crs-regression.jsonl";

    /** The five legitimate API requests the benchmarks time. */
    public static final String TYPICAL = "typical.jsonl";

    private Corpora() {
    }

    /**
     * The corpora folder: {@code explicit} when given (present or not, so that a wrong path is
     * reported rather than replaced), else {@code ../shared/corpora}, {@code ../../shared/corpora}
     * or {@code ../../../shared/corpora} from {@code workingDir}, whichever exists first.
     */
    public static Optional<Path> locate(Path explicit, Path workingDir) {
        if (explicit != null) {
            return Files.isDirectory(explicit) ? Optional.of(explicit) : Optional.empty();
        }
        Path dir = workingDir.toAbsolutePath().normalize();
        for (int i = 0; i < SEARCH_DEPTH && dir.getParent() != null; i++) {
            dir = dir.getParent();
            Path candidate = dir.resolve("shared").resolve("corpora");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@link #locate(Path, Path)} from the system property {@value #PROPERTY} and the working directory. */
    public static Optional<Path> locate() {
        return locate(fromProperty(), Path.of(""));
    }

    /** The folder named by the system property {@value #PROPERTY}, or {@code null}. */
    public static Path fromProperty() {
        String property = System.getProperty(PROPERTY);
        return property == null || property.isBlank() ? null : Path.of(property);
    }

    /** Where {@link #locate(Path, Path)} looked, for the message when nothing was found. */
    public static String searched(Path explicit, Path workingDir) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize().toString();
        }
        List<String> places = new ArrayList<>();
        Path dir = workingDir.toAbsolutePath().normalize();
        for (int i = 0; i < SEARCH_DEPTH && dir.getParent() != null; i++) {
            dir = dir.getParent();
            places.add(dir.resolve("shared").resolve("corpora").toString());
        }
        return String.join(", ", places);
    }

    /** The {@code *.jsonl} files of a corpora folder, sorted by name. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
    }
}
