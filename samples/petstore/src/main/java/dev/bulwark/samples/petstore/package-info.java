/**
 * The petstore sample: a Spring Boot REST service behind Bulwark, configured in
 * {@code application.yml} with an OpenAPI contract, token-protected writes, deny rules with one
 * exception, and Actuator with Prometheus metrics.
 */
package dev.bulwark.samples.petstore;
