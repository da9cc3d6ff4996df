/** Server-side request forgery (rule key {@code SSRF}): URLs to internal, metadata and loopback hosts. */
package dev.bulwark.core.internal.ssrf;
