package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.deny.BuiltInRules;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.traffic.CorpusRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of single detectors, to find where the deny rules spend their time: {@link #scan} runs one
 * built-in detector over every value that the engine parses from a corpus (path, segments, query,
 * headers, cookies, body values, as the deny-rule check hands them over), one pass per operation;
 * {@link #profile} computes the shared {@link TextProfile} of the same values, which every detector's
 * quick reject reads; {@link #allDetectors} runs every detector on each value, as the deny-rule check
 * does; {@link #scriptFamilies} runs the five script-language detectors (rule key
 * {@code CODE}) together, as the engine does.
 *
 * <p>Average time of one pass in microseconds; divide by the number of values printed at setup for
 * the cost per value. Detectors and corpora are parameters:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh DetectorBenchmark
 * java -jar benchmarks/target/benchmarks.jar jmh DetectorBenchmark.scan -p detector=SqlInjectionDetector -p corpus=typical
 * java -jar benchmarks/target/benchmarks.jar jmh DetectorBenchmark.scan -p corpus=typical -p values=free-text
 * java -jar benchmarks/target/benchmarks.jar jmh DetectorBenchmark.scriptFamilies -p corpus=typical
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DetectorBenchmark {

    /** The parsed values of one corpus, as detectors receive them. */
    @State(Scope.Benchmark)
    public static class Values {

        /** File name without {@code .jsonl}. */
        @Param({"typical", "openappsec-benign", "crs-regression"})
        public String corpus;

        /**
         * Which of the corpus' values: {@code all}, or {@code free-text}, the values that cost the
         * deny rules most in a service's ordinary traffic: longer than the 64 characters the
         * clean-value cache keeps, with a space, from a path, query or body (titles, notes,
         * descriptions, addresses).
         */
        @Param({"all"})
        public String values;

        ScanTarget[] targets;
        String[] texts;

        @Setup
        public void setUp() throws IOException {
            targets = parse(EngineBenchmark.read(corpus + ".jsonl")).stream()
                    .filter(switch (values) {
                        case "all" -> target -> true;
                        case "free-text" -> DetectorBenchmark::isFreeText;
                        default -> throw new IllegalArgumentException("values: all or free-text, not " + values);
                    })
                    .toArray(ScanTarget[]::new);
            texts = new String[targets.length];
            for (int i = 0; i < targets.length; i++) {
                texts[i] = targets[i].text();
            }
            System.err.println(corpus + " (" + values + "): " + targets.length + " values");
        }
    }

    /** One detector, by class name. */
    @State(Scope.Benchmark)
    public static class OneDetector {

        @Param({"SqlInjectionDetector", "XssDetector", "UnixCommandDetector", "WindowsCommandDetector",
            "MailCommandDetector", "PathTraversalDetector", "RemoteFileInclusionDetector", "SsrfDetector",
            "LdapInjectionDetector", "NoSqlInjectionDetector", "XxeDetector", "CrlfInjectionDetector",
            "ScannerDetector", "JavaAttackDetector", "TemplateInjectionDetector", "PhpInjectionDetector",
            "NodeInjectionDetector", "PythonInjectionDetector", "RubyInjectionDetector",
            "PerlInjectionDetector", "DataUriDetector"})
        public String detector;

        Detector instance;

        @Setup
        public void setUp() {
            instance = BuiltInRules.detectors().stream()
                    .filter(d -> d.getClass().getSimpleName().equals(detector))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no built-in detector " + detector));
        }
    }

    /** Counts reports, so that the JIT cannot drop a scan. */
    static final class CountingSink implements DetectionSink {
        int reports;

        @Override
        public void report(RuleDefinition rule, int offset, int length) {
            reports++;
        }
    }

    /** The detectors of rule key {@code CODE} (the script-language families), in the order the engine runs them. */
    @State(Scope.Benchmark)
    public static class ScriptFamilies {

        Detector[] instances;

        @Setup
        public void setUp() {
            instances = BuiltInRules.detectors().stream()
                    .filter(d -> d.key().equals("CODE"))
                    .toArray(Detector[]::new);
        }
    }

    /** Every built-in detector, in the order the engine runs them. */
    @State(Scope.Benchmark)
    public static class AllDetectors {

        Detector[] instances;

        @Setup
        public void setUp() {
            instances = BuiltInRules.detectors().toArray(Detector[]::new);
        }
    }

    @Benchmark
    public int scan(Values values, OneDetector detector) {
        CountingSink sink = new CountingSink();
        Detector d = detector.instance;
        for (ScanTarget target : values.targets) {
            d.scan(fresh(target), sink);
        }
        return sink.reports;
    }

    /**
     * Every script-language family on each value, one after another as the deny-rule check runs
     * them: what the families cost together, including the readings of a value they share.
     */
    @Benchmark
    public int scriptFamilies(Values values, ScriptFamilies families) {
        CountingSink sink = new CountingSink();
        for (ScanTarget target : values.targets) {
            ScanTarget value = fresh(target);
            for (Detector d : families.instances) {
                d.scan(value, sink);
            }
        }
        return sink.reports;
    }

    /**
     * Every built-in detector on each value, in the engine's order, without the engine around them:
     * what the deny rules cost per value that the clean-value cache does not spare.
     */
    @Benchmark
    public int allDetectors(Values values, AllDetectors all) {
        CountingSink sink = new CountingSink();
        for (ScanTarget target : values.targets) {
            ScanTarget value = fresh(target);
            for (Detector d : all.instances) {
                d.scan(value, sink);
            }
        }
        return sink.reports;
    }

    /**
     * A new target for the same value and profile, as the engine makes one per value: what a
     * detector remembers on a target for the others must be made again in every operation.
     */
    private static ScanTarget fresh(ScanTarget target) {
        return new ScanTarget(target.text(), target.source(), target.component(), target.name(), target.profile());
    }

    @Benchmark
    public int profile(Values values) {
        int any = 0;
        for (String text : values.texts) {
            any += TextProfile.of(text).hasNonAscii() ? 1 : 0;
        }
        return any;
    }

    static boolean isFreeText(ScanTarget target) {
        return target.text().length() > 64 && target.text().indexOf(' ') >= 0
                && target.source() != Source.HEADER && target.source() != Source.COOKIE;
    }

    /** Every value the engine parses from the requests, empty ones left out as the deny-rule check does. */
    static List<ScanTarget> parse(List<CorpusRequest> requests) {
        List<ScanTarget> out = new ArrayList<>();
        Check capture = new Check() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public void inspect(Inspection inspection) {
                for (RequestValue value : inspection.values()) {
                    if (!value.decoded().isEmpty()) {
                        Location l = value.location();
                        out.add(new ScanTarget(value.decoded(), l.source(), l.component(), l.name()));
                    }
                }
            }
        };
        // With the deny rules off, the capturing check sees the values of every request.
        Bulwark parser = Bulwark.builder(EngineBenchmark.config(Level.OFF)).check(capture).build();
        for (CorpusRequest request : requests) {
            parser.evaluate(request.toHttpRequest());
        }
        return out;
    }
}
