/**
 * The starter's implementation: turning properties into the core configuration, the health
 * indicator, the actuator endpoint, the meters, the Spring Security bridge and the check of the
 * Spring Boot line. Not an API; may change at any time.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.spring.internal;
