package dev.bulwark.spring;

import dev.bulwark.spring.internal.BootLine;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Stops start-up on a Spring Boot line the starter does not support (see {@link BootLine}), before
 * {@link BulwarkAutoConfiguration} could be skipped or half-applied there. It has no class
 * conditions on purpose, so that it runs wherever the starter is on the classpath; it is also
 * listed under {@code EnableAutoConfiguration} in {@code META-INF/spring.factories}, where Spring
 * Boot 2 looks. {@code bulwark.enabled=false} switches it off with the rest.
 */
@AutoConfiguration(before = BulwarkAutoConfiguration.class)
@ConditionalOnProperty(prefix = "bulwark", name = "enabled", matchIfMissing = true)
public class BulwarkBootLineCheck {

    public BulwarkBootLineCheck() {
        BootLine.requireSupported(SpringBootVersion.getVersion());
    }
}
