/**
 * Server-side code injection, one package per language: {@code code.java} (Log4Shell lookups,
 * deserialization, reflection, OGNL, Spring4Shell), {@code code.php}, {@code code.node} (Node.js,
 * JavaScript, prototype pollution), {@code code.python} (with pickles, YAML object tags and Django
 * ORM lookups), {@code code.ruby}, {@code code.perl}, and {@code code.datauri}. The last five share
 * the rule key {@code CODE} and one set of readings per value ({@code rules.ScriptPasses}): the
 * first of them to read a value decodes it and, on demand, passes over its words
 * ({@code rules.ScriptReading}); the others judge the same readings. Server-side templates are the
 * {@code template} family.
 */
package dev.bulwark.core.internal.code;
