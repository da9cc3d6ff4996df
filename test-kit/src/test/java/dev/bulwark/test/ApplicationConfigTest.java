package dev.bulwark.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's Spring Boot configuration read as Spring Boot reads it at start-up: every
 * {@code application.*} file, profile-specific files and {@code spring.profiles.active}, in
 * Spring Boot's order. Each test puts its files on a class path of their own.
 */
class ApplicationConfigTest {

    @TempDir
    Path classpath;

    @Test
    void readsApplicationProperties() {
        write("application.properties", "bulwark.mode=log-only\nbulwark.deny-rules.level=basic\n");

        BulwarkTester bulwark = onClasspath(BulwarkTester::ofApplicationConfig);

        assertThat(bulwark.config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(bulwark.config().denyRules().level()).isEqualTo(Level.BASIC);
    }

    @Test
    void letsPropertiesOverrideYamlInTheSameLocation() {
        write("application.yml", "bulwark:\n  mode: log-only\n  deny-rules: {level: basic}\n");
        write("application.properties", "bulwark.deny-rules.level=strict\n");

        BulwarkTester bulwark = onClasspath(BulwarkTester::ofApplicationConfig);

        assertThat(bulwark.config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(bulwark.config().denyRules().level()).isEqualTo(Level.STRICT);
    }

    @Test
    void letsTheConfigDirectoryOverrideTheRoot() {
        write("application.properties", "bulwark.deny-rules.level=basic\nbulwark.mode=log-only\n");
        write("config/application.properties", "bulwark.deny-rules.level=strict\n");

        BulwarkTester bulwark = onClasspath(BulwarkTester::ofApplicationConfig);

        assertThat(bulwark.config().denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(bulwark.config().mode()).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void letsTheFilesOfAnActiveProfileOverrideTheDefaultOnes() {
        write("application.properties", "bulwark.deny-rules.level=basic\nbulwark.mode=log-only\n");
        write("application-audit.yml", "bulwark:\n  deny-rules:\n    level: strict\n");

        BulwarkTester audit = onClasspath(() -> BulwarkTester.ofApplicationConfig("audit"));
        BulwarkTester plain = onClasspath(BulwarkTester::ofApplicationConfig);

        assertThat(audit.config().denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(audit.config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(plain.config().denyRules().level()).isEqualTo(Level.BASIC);
    }

    @Test
    void letsALaterProfileOverrideAnEarlierOne() {
        write("application-first.properties", "bulwark.deny-rules.level=basic\n");
        write("application-second.properties", "bulwark.deny-rules.level=strict\n");

        assertThat(onClasspath(() -> BulwarkTester.ofApplicationConfig("first", "second")).config().denyRules().level())
                .isEqualTo(Level.STRICT);
        assertThat(onClasspath(() -> BulwarkTester.ofApplicationConfig("second", "first")).config().denyRules().level())
                .isEqualTo(Level.BASIC);
    }

    @Test
    void activatesTheProfilesNamedBySpringProfilesActive() {
        write("application.properties", "spring.profiles.active=strict\nbulwark.deny-rules.level=basic\n");
        write("application-strict.properties", "bulwark.deny-rules.level=strict\n");

        assertThat(onClasspath(BulwarkTester::ofApplicationConfig).config().denyRules().level()).isEqualTo(Level.STRICT);
    }

    @Test
    void readsTheProfileVariantsNextToOneNamedFile() {
        write("service.properties", "bulwark.deny-rules.level=basic\n");
        write("service-audit.properties", "bulwark.mode=log-only\n");

        BulwarkTester audit = BulwarkTester.ofApplicationYaml("file:" + classpath.resolve("service.properties"), "audit");

        assertThat(audit.config().denyRules().level()).isEqualTo(Level.BASIC);
        assertThat(audit.config().mode()).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void yieldsTheDefaultsWithoutConfigurationFiles() {
        assertThat(onClasspath(BulwarkTester::ofApplicationConfig).config().mode()).isEqualTo(Mode.BLOCK);
    }

    private void write(String name, String content) {
        try {
            Path file = classpath.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code tester} with this test's directory as the only source of {@code application*} files. */
    private BulwarkTester onClasspath(Supplier<BulwarkTester> tester) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (ApplicationFiles loader = new ApplicationFiles(classpath, previous)) {
            thread.setContextClassLoader(loader);
            return tester.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Finds {@code application*} files in one directory only, and everything else as its parent does. */
    private static final class ApplicationFiles extends URLClassLoader {

        ApplicationFiles(Path directory, ClassLoader parent) throws MalformedURLException {
            super(new URL[] {directory.toUri().toURL()}, parent);
        }

        @Override
        public URL getResource(String name) {
            String path = name.startsWith("/") ? name.substring(1) : name;
            boolean application = path.startsWith("application") || path.startsWith("config/application");
            return application ? findResource(path) : super.getResource(name);
        }
    }
}
