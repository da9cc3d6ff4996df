package dev.bulwark.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Level;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.traffic.CorpusFormatException;
import dev.bulwark.traffic.CorpusReader;
import dev.bulwark.traffic.CorpusRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Replays the shared request corpora through the engine in-process and reports detection
 * (true-positive rate on attacks, false-positive rate on benign requests) and engine latency, per
 * file and per category; see {@link #USAGE}. When the corpora folder is absent it says so and
 * exits with status 0, so that builds without the corpora skip cleanly.
 *
 * <p>Exit status: 0 on success or skip, 1 when a corpus or the configuration cannot be read, 2 on a
 * usage error.
 */
public final class CorpusEvaluator {

    static final String USAGE = """
            usage: evaluate [options]
              --corpora DIR   corpora folder (default: ../shared/corpora, ../../shared/corpora or
                              ../../../shared/corpora from the working directory)
              --file NAME     a corpus file in that folder, e.g. crs-regression.jsonl; repeatable
                              (default: every *.jsonl file)
              --config FILE   Bulwark YAML configuration (default: the built-in defaults)
              --level LEVEL   deny-rules level off|basic|standard|strict, overriding the configuration
              --json FILE     write every figure and every request's verdict as JSON
              --misses FILE   write the attacks not blocked and the benign requests blocked,
                              one per line with the blocking rule ids, for tuning
              --warmup N      unmeasured passes over all requests first (default 2)
              --runs N        measured passes; a request's latency is their median (default 3)
              --help          show this text
            """;

    private static final int USAGE_ERROR = 2;
    private static final int INPUT_ERROR = 1;

    private CorpusEvaluator() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, Path.of(""));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The parsed command line. */
    record Options(Path corpora, List<String> files, Path config, Level level, Path json, Path misses, int warmup,
            int runs, boolean help) {

        static Options parse(String[] args) {
            CommandLine line = CommandLine.parse(args,
                    Set.of("--corpora", "--file", "--config", "--level", "--json", "--misses", "--warmup", "--runs"));
            if (!line.operands().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + line.operands().get(0) + "'");
            }
            String level = line.value("--level", null);
            return new Options(path(line.value("--corpora", null)), line.all("--file"),
                    path(line.value("--config", null)), level == null ? null : level(level),
                    path(line.value("--json", null)), path(line.value("--misses", null)),
                    line.count("--warmup", 2, 0), line.count("--runs", 3, 1), line.help());
        }

        private static Path path(String value) {
            return value == null ? null : Path.of(value);
        }

        private static Level level(String value) {
            try {
                return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--level must be off, basic, standard or strict, was '" + value + "'", e);
            }
        }

    }

    /**
     * Runs the evaluator.
     *
     * @param workingDir where relative defaults are searched from
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err, Path workingDir) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }

        Path explicit = options.corpora() == null ? null : workingDir.resolve(options.corpora());
        Optional<Path> located = Corpora.locate(explicit, workingDir);
        if (located.isEmpty()) {
            out.println("Corpora folder not found (looked in " + Corpora.searched(explicit, workingDir)
                    + "); skipping the corpus evaluation.");
            return 0;
        }
        Path dir = located.get();

        BulwarkConfig config;
        String configDescription;
        try {
            if (options.config() == null) {
                config = BulwarkConfig.defaults();
                configDescription = "built-in defaults";
            } else {
                Path file = workingDir.resolve(options.config());
                config = BulwarkConfig.load(file);
                configDescription = file.toString();
            }
        } catch (ConfigurationException e) {
            err.println("error: configuration: " + e.getMessage());
            return INPUT_ERROR;
        }
        if (options.level() != null) {
            config = config.toBuilder().denyRules(config.denyRules().withLevel(options.level())).build();
        }

        List<Path> paths;
        try {
            paths = corpusFiles(dir, options.files());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("error: cannot list " + dir + ": " + e.getMessage());
            return INPUT_ERROR;
        }
        if (paths.isEmpty()) {
            out.println("No *.jsonl corpus in " + dir + "; skipping the corpus evaluation.");
            return 0;
        }

        List<CorpusFile> corpora = new ArrayList<>();
        for (Path path : paths) {
            try {
                List<CorpusRequest> requests = CorpusReader.read(path);
                err.println("read " + path.getFileName() + ": " + Tally.count(requests.size()) + " requests");
                corpora.add(new CorpusFile(path.getFileName().toString(), requests));
            } catch (CorpusFormatException e) {
                err.println("error: corpus " + e.getMessage());
                return INPUT_ERROR;
            } catch (IOException e) {
                err.println("error: cannot read " + path + ": " + e.getMessage());
                return INPUT_ERROR;
            }
        }

        Bulwark engine = Bulwark.create(config);
        Evaluation evaluation = Evaluation.run(engine, corpora, options.warmup(), options.runs(), err::println);
        Report report = Report.of(evaluation, configDescription);
        out.print(report.text());

        try {
            if (options.json() != null) {
                Path file = workingDir.resolve(options.json());
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                mapper.writeValue(file.toFile(), report.json(mapper));
                out.println("\nwrote " + file);
            }
            if (options.misses() != null) {
                Path file = workingDir.resolve(options.misses());
                List<String> misses = report.misses();
                Files.write(file, misses, StandardCharsets.UTF_8);
                out.println((options.json() == null ? "\n" : "") + "wrote " + file + " (" + Tally.count(misses.size())
                        + " misses)");
            }
        } catch (IOException e) {
            err.println("error: cannot write: " + e.getMessage());
            return INPUT_ERROR;
        }
        return 0;
    }

    /** The files to read: those named (with or without {@code .jsonl}), else every {@code *.jsonl}. */
    private static List<Path> corpusFiles(Path dir, List<String> names) throws IOException {
        if (names.isEmpty()) {
            return Corpora.files(dir);
        }
        List<Path> paths = new ArrayList<>();
        for (String name : names) {
            Path path = dir.resolve(name.endsWith(".jsonl") ? name : name + ".jsonl");
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no corpus file " + path.getFileName() + " in " + dir);
            }
            if (!paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
