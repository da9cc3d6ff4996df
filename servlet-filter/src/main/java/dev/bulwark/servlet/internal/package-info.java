/**
 * Implementation of the servlet filter: bounded body reading, request translation, the replaying
 * request wrapper, problem responses and security events. Not API: anything here may change in
 * any release.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.servlet.internal;
