package dev.bulwark.test;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.suggest.RoutePatterns;
import dev.bulwark.core.suggest.SuggestionCollector;
import dev.bulwark.core.suggest.SuggestionRun;
import dev.bulwark.spring.BulwarkEnvironment;
import dev.bulwark.traffic.HarReader;
import dev.bulwark.traffic.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Evaluates requests against a configuration without a server: the same engine the filter asks,
 * built from the configuration the service ships.
 *
 * <pre>{@code
 * import static dev.bulwark.test.BulwarkAssertions.assertThat;
 * import static dev.bulwark.test.TestRequest.*;
 *
 * BulwarkTester bulwark = BulwarkTester.ofApplicationYaml("classpath:application.yml");
 *
 * assertThat(bulwark.evaluate(get("/pets?limit=5"))).isAllowed();
 * assertThat(bulwark.evaluate(get("/pets").query("tag", "1' OR '1'='1"))).isBlockedBy("SQL");
 * assertThat(bulwark.evaluate(post("/pets").json("{}"))).hasStatus(401);
 * }</pre>
 *
 * <p>Build it once per test class: building compiles rule tables and loads OpenAPI specs and key
 * sets, and the result is immutable and thread-safe. A configuration that would stop the service
 * from starting fails here with the same {@link ConfigurationException}.
 */
public final class BulwarkTester {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private final Bulwark bulwark;

    private BulwarkTester(Bulwark bulwark) {
        this.bulwark = bulwark;
    }

    /** A tester for this configuration, with the built-in checks. */
    public static BulwarkTester of(BulwarkConfig config) {
        return new BulwarkTester(Bulwark.create(Objects.requireNonNull(config, "config")));
    }

    /** A tester for this configuration, with the application's own checks after the built-in ones. */
    public static BulwarkTester of(BulwarkConfig config, Check... checks) {
        Bulwark.Builder builder = Bulwark.builder(Objects.requireNonNull(config, "config"));
        for (Check check : checks) {
            builder.check(check);
        }
        return new BulwarkTester(builder.build());
    }

    /** A tester around an engine built elsewhere, e.g. the {@code Bulwark} bean of a Spring test. */
    public static BulwarkTester of(Bulwark bulwark) {
        return new BulwarkTester(Objects.requireNonNull(bulwark, "bulwark"));
    }

    /** A tester for a Bulwark YAML file. */
    public static BulwarkTester of(Path yamlFile) {
        return of(BulwarkConfig.load(Objects.requireNonNull(yamlFile, "yamlFile")));
    }

    /**
     * A tester for a Bulwark YAML configuration: a location ({@code classpath:bulwark.yaml} or
     * {@code file:config/bulwark.yaml}) or, when {@code yamlOrLocation} starts with neither, the
     * YAML text itself.
     */
    public static BulwarkTester of(String yamlOrLocation) {
        Objects.requireNonNull(yamlOrLocation, "yamlOrLocation");
        String trimmed = yamlOrLocation.strip();
        if (trimmed.startsWith(CLASSPATH) || trimmed.startsWith(FILE)) {
            return of(BulwarkConfig.fromYaml(read(trimmed)));
        }
        return of(BulwarkConfig.fromYaml(yamlOrLocation));
    }

    /**
     * A tester for the {@code bulwark.*} properties of the service's Spring Boot configuration,
     * read from where and in the order Spring Boot reads it at start-up: {@code application.properties}
     * and {@code application.yml} (or {@code .yaml}) in {@code classpath:/}, {@code classpath:/config/},
     * {@code file:./} and {@code file:./config/}, each location overriding the one before and
     * {@code .properties} overriding YAML in the same location; then the
     * {@code application-{profile}} files of every active profile, overriding those, a later
     * profile over an earlier one. The active profiles are {@code activeProfiles} (as
     * {@code @ActiveProfiles} would give them) and those the files, system properties or the
     * environment name in {@code spring.profiles.active}. Bound as
     * {@link #ofApplicationYaml(String, String...)} binds.
     *
     * @param activeProfiles profiles to activate, in addition to {@code spring.profiles.active}
     */
    public static BulwarkTester ofApplicationConfig(String... activeProfiles) {
        return of(BulwarkEnvironment.config(applicationEnvironment(Map.of(), activeProfiles)));
    }

    /**
     * A tester for the {@code bulwark:} section of one Spring Boot configuration file, as the
     * starter would configure the service: the file ({@code application.yml} or
     * {@code application.properties}) is read by Spring Boot's own config-data loader, with the
     * {@code -{profile}} variants next to it for the active profiles and the documents of a YAML
     * file for other profiles left out, placeholders resolved from system properties and the
     * environment, relaxed names; and bound by the starter, {@code bulwark.config-file} followed.
     * Error messages name the property, {@code bulwark.deny-rules.level: ...}. Needs Spring Boot
     * and the Bulwark starter on the test classpath. {@link #ofApplicationConfig} reads every file
     * Spring Boot would.
     *
     * @param location {@code classpath:application.yml}, {@code file:...} or a file path
     * @param activeProfiles profiles to activate ({@code spring.config.activate.on-profile} documents
     *     and {@code -{profile}} files), in addition to {@code spring.profiles.active}
     */
    public static BulwarkTester ofApplicationYaml(String location, String... activeProfiles) {
        Objects.requireNonNull(location, "location");
        return of(BulwarkEnvironment.config(
                applicationEnvironment(Map.of("spring.config.location", location.strip()), activeProfiles)));
    }

    /**
     * An environment with the configuration files Spring Boot's config-data loader finds, as at
     * start-up: system properties and the environment first, then the files.
     */
    private static StandardEnvironment applicationEnvironment(Map<String, Object> settings, String... activeProfiles) {
        StandardEnvironment environment = new StandardEnvironment();
        if (!settings.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("bulwarkTestKit", settings));
        }
        ConfigDataEnvironmentPostProcessor.applyTo(environment, new DefaultResourceLoader(), null,
                List.of(Objects.requireNonNull(activeProfiles, "activeProfiles")));
        return environment;
    }

    /** Evaluates the request built by {@code request}. */
    public Decision evaluate(TestRequest request) {
        return bulwark.evaluate(Objects.requireNonNull(request, "request").build());
    }

    /** Evaluates a request. */
    public Decision evaluate(HttpRequest request) {
        return bulwark.evaluate(request);
    }

    /** Evaluates several requests, in order. */
    public List<Decision> evaluateAll(TestRequest... requests) {
        return Arrays.stream(requests).map(this::evaluate).toList();
    }

    /**
     * Replays the requests of a HAR file (as a browser or proxy exports it) and tells, for each one
     * blocked, the narrowest exceptions that would let it pass, so that a team keeps its tuning as
     * a unit test:
     *
     * <pre>{@code
     * assertThat(bulwark.replay(Path.of("src/test/resources/checkout.har"))).allPass();
     * }</pre>
     *
     * The exceptions are found as {@code bulwark-cli suggest} finds them ({@link SuggestionRun}):
     * blocked requests are evaluated again with the exceptions found so far, by engines of the
     * configuration alone (checks of the application's own are left out of that search).
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws dev.bulwark.traffic.CorpusFormatException when it is not a HAR file
     */
    public Replay replay(Path har) {
        List<RecordedRequest> requests;
        try {
            requests = HarReader.read(Objects.requireNonNull(har, "har"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + har, e);
        }
        List<SuggestionRun.Sample> samples = requests.stream().map(r -> new SuggestionRun.Sample(
                RoutePatterns.ofRawPath(r.rawPath()), r.method(), r.client(), r.toHttpRequest())).toList();
        SuggestionRun run = SuggestionRun.replay(bulwark, samples, List.of(), SuggestionCollector.DEFAULT_MAX_LOCATIONS);
        Map<SuggestionRun.Sample, RecordedRequest> recorded = new IdentityHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            recorded.put(samples.get(i), requests.get(i));
        }
        List<Replay.Blocked> blocked = new ArrayList<>();
        for (SuggestionRun.Blocked one : run.blocked()) {
            RecordedRequest request = recorded.get(one.sample());
            blocked.add(new Replay.Blocked(request, one.decision(), SuggestionRun.fixes(one)));
        }
        return new Replay(har.getFileName().toString(), requests, blocked, run.suggestions());
    }

    /** The engine, e.g. for {@link BulwarkMockMvc#filter(Bulwark)}. */
    public Bulwark bulwark() {
        return bulwark;
    }

    /** The configuration under test. */
    public BulwarkConfig config() {
        return bulwark.config();
    }

    @Override
    public String toString() {
        return "BulwarkTester(" + bulwark.config().mode() + ", deny rules " + bulwark.config().denyRules().level() + ")";
    }

    /**
     * Reads a {@code classpath:} or {@code file:} location, or a file path, as UTF-8; classpath
     * resources are found as the core finds those the configuration names.
     */
    static String read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                try (InputStream in = classpathResource(location)) {
                    if (in == null) {
                        throw new ConfigurationException("", "not found on the classpath: " + location);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String path = location.startsWith(FILE) ? location.substring(FILE.length()) : location;
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    /** A classpath resource by the context class loader, as the core finds those the configuration names. */
    private static InputStream classpathResource(String location) {
        String name = location.substring(CLASSPATH.length());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader : BulwarkTester.class.getClassLoader())
                .getResourceAsStream(name.startsWith("/") ? name.substring(1) : name);
    }
}
