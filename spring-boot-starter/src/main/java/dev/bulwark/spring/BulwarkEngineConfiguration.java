package dev.bulwark.spring;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.spring.internal.ConfigFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The configuration and the engine, from {@code bulwark.*}: one declaration that both
 * {@link BulwarkAutoConfiguration} (servlet) and {@link BulwarkReactiveAutoConfiguration} import,
 * so the two kinds of application get the same beans, built the same way, each backing off when
 * the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class BulwarkEngineConfiguration {

    /**
     * The configuration: from {@code bulwark.config-file} when set, else from the other
     * {@code bulwark.*} properties, then changed by every {@link BulwarkConfigCustomizer}. An
     * invalid one stops start-up with a {@link ConfigurationException} naming the property.
     */
    @Bean
    @ConditionalOnMissingBean
    BulwarkConfig bulwarkConfig(BulwarkProperties properties, Environment environment, ResourceLoader resourceLoader,
            ObjectProvider<BulwarkConfigCustomizer> customizers) {
        return ConfigFactory.create(environment, properties.getConfigFile(), resourceLoader,
                customizers.orderedStream().toList());
    }

    /**
     * The engine, with every {@link Check} bean added after the built-in checks. What only
     * building it finds (an OpenAPI spec that cannot be loaded) stops start-up with the property
     * that names it, like any other configuration error.
     */
    @Bean
    @ConditionalOnMissingBean
    Bulwark bulwark(BulwarkConfig config, BulwarkProperties properties, ObjectProvider<Check> checks) {
        Bulwark.Builder builder = Bulwark.builder(config);
        checks.orderedStream().forEach(builder::check);
        try {
            return builder.build();
        } catch (ConfigurationException e) {
            throw ConfigFactory.forEngine(e, properties.getConfigFile());
        }
    }
}
