/** Perl code injection (rule key {@code CODE}): the detector with its rule and the token scan over a value read as Perl. */
package dev.bulwark.core.internal.code.perl;
