/**
 * Spring Boot auto-configuration for Bulwark: {@code bulwark.*} holds the keys of Bulwark's YAML
 * file, bound by walking the core's {@link dev.bulwark.core.config.ConfigSchema} (plus the
 * starter's own {@link dev.bulwark.spring.BulwarkProperties}),
 * {@link dev.bulwark.spring.BulwarkAutoConfiguration} builds the engine and registers the servlet
 * filter, and {@link dev.bulwark.spring.BulwarkConfigCustomizer} beans change the configuration in
 * code. Actuator and Micrometer integrations switch on when those libraries are present;
 * {@link dev.bulwark.spring.BulwarkEndpointProperties} binds {@code management.endpoint.bulwark.*}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.spring;
