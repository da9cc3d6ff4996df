/**
 * Jakarta Servlet integration: {@link dev.bulwark.servlet.BulwarkFilter} puts a
 * {@link dev.bulwark.core.Bulwark} engine in front of an application. The filter only translates
 * servlet requests into the core's {@link dev.bulwark.core.HttpRequest} and carries out the
 * {@link dev.bulwark.core.Decision}; every decision is the engine's.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.servlet;
