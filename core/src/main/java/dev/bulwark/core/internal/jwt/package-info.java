/** Token validation on Nimbus JOSE+JWT, with a Caffeine cache of verified tokens. */
package dev.bulwark.core.internal.jwt;
