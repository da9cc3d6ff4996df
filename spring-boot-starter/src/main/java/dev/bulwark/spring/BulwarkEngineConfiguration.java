package dev.bulwark.spring;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.spring.internal.ConfigFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The configuration and the engine, from {@code bulwark.*}, for the reactive auto-configuration:
 * the same beans, built the same way, as {@link BulwarkAutoConfiguration} declares for servlet
 * applications, each backing off when the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class BulwarkEngineConfiguration {

    /**
     * The configuration: from {@code bulwark.config-file} when set, else from the other
     * {@code bulwark.*} properties, then changed by every {@link BulwarkConfigCustomizer}.
     */
    @Bean
    @ConditionalOnMissingBean
    BulwarkConfig bulwarkConfig(BulwarkProperties properties, Environment environment, ResourceLoader resourceLoader,
            ObjectProvider<BulwarkConfigCustomizer> customizers) {
        return ConfigFactory.create(environment, properties.getConfigFile(), resourceLoader,
                customizers.orderedStream().toList());
    }

    /** The engine, with every {@link Check} bean added after the built-in checks. */
    @Bean
    @ConditionalOnMissingBean
    Bulwark bulwark(BulwarkConfig config, ObjectProvider<Check> checks) {
        Bulwark.Builder builder = Bulwark.builder(config);
        checks.orderedStream().forEach(builder::check);
        return builder.build();
    }
}
