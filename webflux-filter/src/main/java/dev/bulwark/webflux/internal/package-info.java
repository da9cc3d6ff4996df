/**
 * Implementation of the WebFlux filter: bounded, non-blocking body capture, request translation,
 * the replaying request, response headers, problem responses and security events. Not API:
 * anything here may change in any release.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.webflux.internal;
