/** Server-side and edge-side includes (rule key {@code SSI}). */
package dev.bulwark.core.internal.ssi;
