package dev.bulwark.spring.internal;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.spring.BulwarkConfigCustomizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns {@code bulwark.*} properties (or the file named by {@code bulwark.config-file}) into a
 * {@link BulwarkConfig} with the core's loader, then applies the customizers. Every error is a
 * {@link ConfigurationException} whose path is the Spring property, e.g.
 * {@code bulwark.deny-rules.level: unknown value 'paranoid' (expected one of [off, basic, standard, strict])}.
 */
public final class ConfigFactory {

    /** The prefix of every Bulwark property. */
    public static final String PREFIX = "bulwark";

    private ConfigFactory() {
    }

    /**
     * Builds the configuration.
     *
     * @param environment holds the {@code bulwark.*} properties
     * @param configFile the value of {@code bulwark.config-file}, or {@code null}
     * @param resources resolves {@code classpath:} locations
     * @param customizers applied in order, each to the result of the one before
     */
    public static BulwarkConfig create(Environment environment, String configFile, ResourceLoader resources,
            List<BulwarkConfigCustomizer> customizers) {
        Map<String, Object> tree = PropertyTree.read(environment, PREFIX);
        BulwarkConfig config;
        if (configFile != null && !configFile.isBlank()) {
            if (!tree.isEmpty()) {
                throw new ConfigurationException(PREFIX + ".config-file", "cannot be combined with other "
                        + "Bulwark properties; found " + tree.keySet().stream().map(k -> PREFIX + "." + k).toList()
                        + ". Put the whole configuration in the file, or none of it");
            }
            config = fromFile(configFile.trim(), resources);
        } else {
            try {
                config = ConfigLoader.fromMap(tree);
            } catch (ConfigurationException e) {
                throw prefixed(e);
            }
        }
        for (BulwarkConfigCustomizer customizer : customizers) {
            BulwarkConfig.Builder builder = config.toBuilder();
            customizer.customize(builder, config);
            try {
                config = builder.build();
            } catch (IllegalArgumentException e) {
                // Not chained: the message says it all, and the last cause is what a start-up log shows.
                throw new ConfigurationException(PREFIX, "invalid configuration after customizer "
                        + customizer.getClass().getName() + ": " + e.getMessage());
            }
        }
        return config;
    }

    /**
     * An error found while building the engine from a configuration (an OpenAPI spec or a JWK set
     * that cannot be loaded), named the way the configuration was written: the Spring property
     * ({@code bulwark.openapi.specs[0].location}), or the key in {@code bulwark.config-file}.
     */
    public static ConfigurationException forEngine(ConfigurationException e, String configFile) {
        if (configFile != null && !configFile.isBlank()) {
            return new ConfigurationException(PREFIX + ".config-file", "in '" + configFile.trim() + "': " + e.getMessage());
        }
        return prefixed(e);
    }

    /** The same error with its path as a Spring property: {@code limits.json.depth} becomes {@code bulwark.limits.json.depth}. */
    static ConfigurationException prefixed(ConfigurationException e) {
        String path = e.path();
        String message = e.getMessage();
        if (!path.isEmpty() && message.startsWith(path + ": ")) {
            message = message.substring(path.length() + 2);
        }
        String prefixed = path.isEmpty() ? PREFIX : PREFIX + (path.startsWith("[") ? "" : ".") + path;
        // Not chained: the last cause is what a start-up log shows, and it should name the property.
        return new ConfigurationException(prefixed, message);
    }

    private static BulwarkConfig fromFile(String location, ResourceLoader resources) {
        String yaml;
        try {
            yaml = read(location, resources);
        } catch (IOException e) {
            throw new ConfigurationException(PREFIX + ".config-file", "cannot read '" + location + "': "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        try {
            return ConfigLoader.fromYaml(yaml);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(PREFIX + ".config-file", "in '" + location + "': " + e.getMessage());
        }
    }

    private static String read(String location, ResourceLoader resources) throws IOException {
        if (location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX)) {
            Resource resource = resources.getResource(location);
            if (!resource.exists()) {
                throw new NoSuchFileException(location);
            }
            try (InputStream in = resource.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }
}
