package dev.bulwark.benchmarks;

import dev.bulwark.core.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.Main;

/**
 * The entry point of {@code benchmarks.jar}: {@code evaluate ...} runs the
 * {@link CorpusEvaluator}, {@code graphql ...} the {@link GraphQlEvaluation}, {@code breadth ...} the
 * {@link BreadthEvaluation}, {@code rotation ...} the {@link PoolRotation}, {@code paired ...} the
 * {@link PairedBuilds}, {@code jmh ...} runs JMH ({@code org.openjdk.jmh.Main}) with the given options.
 */
public final class Launcher {

    static final String USAGE = """
            usage: java -jar benchmarks.jar evaluate [options]   replay the request corpora (evaluate --help)
                   java -jar benchmarks.jar graphql [--level L]  replay the GraphQL attack and benign sets
                   java -jar benchmarks.jar breadth [--level L]  replay the breadth set (unseen attack classes)
                   java -jar benchmarks.jar jmh [JMH options]    run the JMH benchmarks (jmh -h)
                   java -jar benchmarks.jar rotation [options]   time evaluate on threads taking turns (rotation -h)
                   java -jar benchmarks.jar paired [options] A.jar B.jar   compare two builds' engines in one JVM (paired -h)
            The corpora are found at ../shared/corpora (up to three levels up from the working
            directory); give another folder with --corpora DIR (evaluate) or -Dbulwark.corpora=DIR (jmh).
            """;

    /** JMH options that only list or explain, and so run no benchmark. */
    private static final List<String> JMH_LISTING = List.of("-h", "-help", "--help", "-l", "-lp", "-lprof", "-lrf");

    private Launcher() {
    }

    /**
     * Reads the only option the replay commands take, {@code --level L}; anything else prints
     * the command's usage and exits with status 2.
     */
    static Level levelOption(String command, String[] args) {
        Level level = Level.STANDARD;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--level") && i + 1 < args.length) {
                level = Level.valueOf(args[++i].toUpperCase(Locale.ROOT));
            } else {
                System.err.println("usage: " + command + " [--level off|basic|standard|strict]");
                System.exit(2);
            }
        }
        return level;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "evaluate" -> CorpusEvaluator.main(rest);
            case "graphql" -> GraphQlEvaluation.main(rest);
            case "breadth" -> BreadthEvaluation.main(rest);
            case "rotation" -> PoolRotation.main(rest);
            case "paired" -> PairedBuilds.main(rest);
            case "jmh" -> {
                if (Arrays.stream(rest).noneMatch(JMH_LISTING::contains) && Corpora.locate().isEmpty()) {
                    System.out.println("Corpora folder not found (looked in "
                            + Corpora.searched(Corpora.fromProperty(), Path.of(""))
                            + "); skipping the benchmarks.");
                    return;
                }
                Main.main(rest);
            }
            case "-h", "--help", "help" -> System.out.print(USAGE);
            default -> {
                System.err.println("error: unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
