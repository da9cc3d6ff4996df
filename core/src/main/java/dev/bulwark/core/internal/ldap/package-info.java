/** LDAP filter injection (rule key {@code LDAP}): a filter that closes its enclosing parenthesis. */
package dev.bulwark.core.internal.ldap;
