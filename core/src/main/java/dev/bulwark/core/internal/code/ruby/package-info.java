/** Ruby code injection (rule key {@code CODE}): the detector with its rule and the call scan over a value read as Ruby. */
package dev.bulwark.core.internal.code.ruby;
