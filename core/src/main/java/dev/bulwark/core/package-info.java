/**
 * Bulwark's public API: the request model ({@link dev.bulwark.core.HttpRequest}), the engine
 * ({@link dev.bulwark.core.Bulwark}), its {@link dev.bulwark.core.Decision} and
 * {@link dev.bulwark.core.Finding}s, and the {@link dev.bulwark.core.Check} interface that every
 * inspection plugs into. Framework-free: adapters translate their own request objects.
 */
package dev.bulwark.core;
