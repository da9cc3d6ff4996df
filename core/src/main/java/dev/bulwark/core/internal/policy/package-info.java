/**
 * The request policy that runs before the deny rules: client address resolution, IP rules, allowed
 * methods, allow rules (the positive model), CSRF protection and request header filtering.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.core.internal.policy;
