package dev.bulwark.spring;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.spring.internal.ConfigFactory;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The configuration that {@code bulwark.*} in a Spring {@link Environment} describes, built as the
 * auto-configuration builds it (without customizers), so that tools such as the test kit read an
 * {@code application.yml} exactly as the service will.
 */
public final class BulwarkEnvironment {

    private BulwarkEnvironment() {
    }

    /**
     * Builds the configuration from {@code bulwark.config-file} when set, else from the other
     * {@code bulwark.*} properties.
     *
     * @throws dev.bulwark.core.config.ConfigurationException naming the property of a bad value
     */
    public static BulwarkConfig config(Environment environment) {
        return ConfigFactory.create(environment, environment.getProperty(ConfigFactory.PREFIX + ".config-file"),
                new DefaultResourceLoader(), List.of());
    }
}
