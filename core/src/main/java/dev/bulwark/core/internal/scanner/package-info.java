/** Scanner fingerprints (rule key {@code SCANNING}): the user agents and headers of attack tools. */
package dev.bulwark.core.internal.scanner;
