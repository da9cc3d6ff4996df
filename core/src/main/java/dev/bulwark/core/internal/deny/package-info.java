/** The deny-rule check: detectors, levels, overrides, exceptions and custom rules put together. */
package dev.bulwark.core.internal.deny;
