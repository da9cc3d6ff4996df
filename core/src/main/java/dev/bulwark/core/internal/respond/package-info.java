/**
 * What a blocked request is answered with: the built-in problem document and the reading of
 * {@code Accept} headers that chooses among configured block responses. Framework-free, so that
 * every adapter answers the same way.
 */
package dev.bulwark.core.internal.respond;
