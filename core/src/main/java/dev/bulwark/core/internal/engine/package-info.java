/** The request pipeline and its per-request state. */
package dev.bulwark.core.internal.engine;
