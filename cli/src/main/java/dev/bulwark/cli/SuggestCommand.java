package dev.bulwark.cli;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.suggest.RoutePatterns;
import dev.bulwark.core.suggest.Observation;
import dev.bulwark.core.suggest.SuggestionCollector;
import dev.bulwark.core.suggest.SuggestionRun;
import dev.bulwark.core.suggest.Suggestions;
import dev.bulwark.traffic.CorpusFormatException;
import dev.bulwark.traffic.CorpusReader;
import dev.bulwark.traffic.HarReader;
import dev.bulwark.traffic.RecordedRequest;
import dev.bulwark.traffic.SecurityLogReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code suggest}: replays recorded traffic (HAR files, corpus JSON lines) through the engine at a
 * configuration, reads security-event logs as they are, and writes a report per rule and location
 * and a complete configuration with the narrowest exceptions that let the traffic pass.
 *
 * <p>Requests are replayed as in block mode whatever the configuration's {@code mode}: the
 * question is what would be blocked. Replayed requests are evaluated in rounds ({@link SuggestionRun}), so that findings hidden
 * behind a request's first are found too; the written configuration is then read back and every
 * replayed request evaluated with it, so the figures printed are those of the file.
 *
 * <p>Exit status: 0 on success, 1 when an input or the configuration cannot be read or written,
 * 2 on a usage error.
 */
public final class SuggestCommand {

    static final String USAGE = """
            usage: suggest [options] FILE...
              FILE             recorded traffic: *.har (HTTP Archive), *.jsonl (request corpus or
                               security-event log lines) or *.log (security-event log)
              --config FILE    Bulwark YAML configuration to start from (default: the built-in defaults)
              --level LEVEL    deny-rules level off|basic|standard|strict, overriding the configuration
              --out FILE       write the configuration with the suggested exceptions (default: suggested.yaml)
              --report FILE    write the report there instead of to standard output
              --max-locations N  locations remembered (default 1,000)
              --help           show this text
            """;

    static final int USAGE_ERROR = 2;
    static final int INPUT_ERROR = 1;

    private SuggestCommand() {
    }

    record Options(List<Path> files, Path config, Level level, Path out, Path report, int maxLocations, boolean help) {

        static Options parse(String[] args) {
            List<Path> files = new ArrayList<>();
            Path config = null;
            Level level = null;
            Path out = Path.of("suggested.yaml");
            Path report = null;
            int maxLocations = SuggestionCollector.DEFAULT_MAX_LOCATIONS;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    files.add(Path.of(arg));
                    continue;
                }
                String value = null;
                int equals = arg.indexOf('=');
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                    arg = arg.substring(0, equals);
                }
                if (arg.equals("--help")) {
                    help = true;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--config" -> config = Path.of(value);
                    case "--level" -> level = level(value);
                    case "--out" -> out = Path.of(value);
                    case "--report" -> report = Path.of(value);
                    case "--max-locations" -> maxLocations = count(arg, value);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            if (files.isEmpty() && !help) {
                throw new IllegalArgumentException("give at least one file of recorded traffic");
            }
            return new Options(List.copyOf(files), config, level, out, report, maxLocations, help);
        }

        private static Level level(String value) {
            try {
                return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--level must be off, basic, standard or strict, was '" + value + "'", e);
            }
        }

        private static int count(String option, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n < 1) {
                    throw new IllegalArgumentException(option + " must be at least 1, was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, was '" + value + "'", e);
            }
        }
    }

    /** Runs the command; relative paths are resolved against {@code workingDir}. */
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
        String baseYaml = null;
        BulwarkConfig base;
        try {
            if (options.config() == null) {
                base = BulwarkConfig.defaults();
            } else {
                Path file = workingDir.resolve(options.config());
                baseYaml = Files.readString(file, StandardCharsets.UTF_8);
                base = BulwarkConfig.load(file);
            }
        } catch (ConfigurationException | IOException e) {
            err.println("error: configuration: " + e.getMessage());
            return INPUT_ERROR;
        }
        base = withLevel(base, options.level());
        Set<String> logOnly = base.denyRules().logOnly();

        List<RecordedRequest> replayed = new ArrayList<>();
        List<SecurityLogReader.LoggedRequest> logged = new ArrayList<>();
        for (Path file : options.files()) {
            Path path = workingDir.resolve(file);
            try {
                read(path, replayed, logged);
            } catch (CorpusFormatException e) {
                err.println("error: " + e.getMessage());
                return INPUT_ERROR;
            } catch (IOException e) {
                err.println("error: cannot read " + path + ": " + e.getMessage());
                return INPUT_ERROR;
            }
        }
        err.println("read " + replayed.size() + " requests to replay and " + logged.size() + " logged requests");

        List<Observation> recorded = new ArrayList<>();
        for (SecurityLogReader.LoggedRequest request : logged) {
            List<Finding> counted = request.findings().stream()
                    .filter(f -> !logOnly.contains(f.ruleKey()) && !logOnly.contains(f.ruleId())).toList();
            recorded.add(new Observation(RoutePatterns.ofRawPath(request.path()), request.method(),
                    request.client().isEmpty() ? "unknown" : request.client(), counted));
        }
        List<SuggestionRun.Sample> samples = replayed.stream().map(r -> new SuggestionRun.Sample(
                RoutePatterns.ofRawPath(r.rawPath()), r.method(), r.client(), r.toHttpRequest())).toList();
        // What matters is what would be blocked, so a log-only configuration is replayed as blocking.
        SuggestionRun run = SuggestionRun.replay(Bulwark.create(blocking(base)), samples, recorded, options.maxLocations());
        Suggestions suggestions = run.suggestions();
        int before = run.blocked().size();
        String yaml = suggestions.configuration(baseYaml, options.level());

        BulwarkConfig suggested;
        try {
            suggested = blocking(withLevel(BulwarkConfig.fromYaml(yaml), options.level()));
        } catch (ConfigurationException e) {
            err.println("error: the suggested configuration does not load: " + e.getMessage());
            return INPUT_ERROR;
        }
        Bulwark check = Bulwark.create(suggested);
        long stillBlocked = samples.stream().filter(r -> check.evaluate(r.request()).blocked()).count();

        String report = suggestions.report() + String.format(Locale.ROOT,
                "%nReplayed %,d requests: %,d blocked at the given configuration, %,d with the %,d suggested exceptions"
                        + " (%,d locations flagged as looking attacked).%n",
                replayed.size(), before, stillBlocked, suggestions.exceptions().size(), suggestions.flagged().size());
        try {
            Path outFile = workingDir.resolve(options.out());
            Files.writeString(outFile, yaml, StandardCharsets.UTF_8);
            if (options.report() != null) {
                Files.writeString(workingDir.resolve(options.report()), report, StandardCharsets.UTF_8);
            } else {
                out.print(report);
            }
            out.println("wrote " + outFile + " (" + suggestions.exceptions().size() + " suggested exceptions)");
        } catch (IOException e) {
            err.println("error: cannot write: " + e.getMessage());
            return INPUT_ERROR;
        }
        return 0;
    }

    private static BulwarkConfig blocking(BulwarkConfig config) {
        return config.toBuilder().mode(Mode.BLOCK).build();
    }

    private static BulwarkConfig withLevel(BulwarkConfig config, Level level) {
        return level == null ? config : config.toBuilder().denyRules(config.denyRules().withLevel(level)).build();
    }

    /** Reads one input by its kind: HAR, security-event log, or request corpus. */
    private static void read(Path path, List<RecordedRequest> replayed, List<SecurityLogReader.LoggedRequest> logged)
            throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".har")) {
            replayed.addAll(HarReader.read(path));
        } else if (name.endsWith(".log") || firstLineIsEvent(path)) {
            logged.addAll(SecurityLogReader.read(path));
        } else {
            CorpusReader.read(path).forEach(r -> replayed.add(RecordedRequest.of(r)));
        }
    }

    private static boolean firstLineIsEvent(Path path) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    return SecurityLogReader.isEvent(line);
                }
            }
            return false;
        }
    }
}
