/**
 * A sample service for trying Bulwark: an embedded Jetty whose only servlet answers every request
 * with a description of what it received, behind {@link dev.bulwark.servlet.BulwarkFilter}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.samples.echo;
