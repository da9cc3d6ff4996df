/** Deny-rule detectors: the rule model and the interface each attack family implements. */
package dev.bulwark.core.internal.rules;
