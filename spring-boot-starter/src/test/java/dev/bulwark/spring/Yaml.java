package dev.bulwark.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/** Adds YAML text as a property source, read by Spring Boot's loader as application.yml would be. */
final class Yaml {

    private Yaml() {
    }

    static ApplicationContextInitializer<ConfigurableApplicationContext> properties(String yaml) {
        return context -> {
            try {
                for (PropertySource<?> source : new YamlPropertySourceLoader()
                        .load("application.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
                    context.getEnvironment().getPropertySources().addFirst(source);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
