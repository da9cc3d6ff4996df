/**
 * The cross-site scripting detector (rule key {@code XSS}): a decoder that sees a value as a browser
 * would, and hand-written, linear scanners for markup, URL schemes, CSS and JavaScript.
 */
package dev.bulwark.core.internal.xss;
