/**
 * Spring WebFlux integration: {@link dev.bulwark.webflux.BulwarkWebFilter} puts a
 * {@link dev.bulwark.core.Bulwark} engine in front of a reactive application (Netty or any other
 * WebFlux server). The filter only translates the exchange into the core's
 * {@link dev.bulwark.core.HttpRequest} and carries out the {@link dev.bulwark.core.Decision};
 * every decision is the engine's.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.webflux;
