/**
 * Node.js and JavaScript code injection and prototype pollution (rule key {@code CODE}): the
 * detector with its rules, and the token scan over a value read as JavaScript.
 */
package dev.bulwark.core.internal.code.node;
