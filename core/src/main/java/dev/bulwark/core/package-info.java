/**
 * Bulwark's public API: the request model ({@link dev.bulwark.core.HttpRequest}), the engine
 * ({@link dev.bulwark.core.Bulwark}), its {@link dev.bulwark.core.Decision} and
 * {@link dev.bulwark.core.Finding}s, and the {@link dev.bulwark.core.Check} interface that every
 * inspection plugs into. Framework-free: adapters translate their own request objects, and share
 * from here what every adapter does the same way: the {@link dev.bulwark.core.SecurityEventLogger}
 * that writes security events, the {@link dev.bulwark.core.AdapterDecisions} made without the
 * engine, and the {@link dev.bulwark.core.DecisionListener} that observes decisions.
 */
package dev.bulwark.core;
