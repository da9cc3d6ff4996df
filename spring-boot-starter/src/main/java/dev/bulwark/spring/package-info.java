/**
 * Spring Boot auto-configuration for Bulwark: {@link dev.bulwark.spring.BulwarkProperties} binds
 * {@code bulwark.*} (the keys of Bulwark's YAML file),
 * {@link dev.bulwark.spring.BulwarkAutoConfiguration} builds the engine and registers the servlet
 * filter, and {@link dev.bulwark.spring.BulwarkConfigCustomizer} beans change the configuration in
 * code. Actuator and Micrometer integrations switch on when those libraries are present;
 * {@link dev.bulwark.spring.BulwarkEndpointProperties} binds {@code management.endpoint.bulwark.*}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.spring;
