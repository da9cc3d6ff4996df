/** Request-level protocol checks (rule keys {@code PROTOCOL} and {@code HPP}): framing, encodings, parameter pollution. */
package dev.bulwark.core.internal.protocol;
