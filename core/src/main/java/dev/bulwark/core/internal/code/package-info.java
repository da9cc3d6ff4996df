/**
 * Server-side code injection, one package per language: {@code code.java} (Log4Shell lookups,
 * deserialization, reflection, OGNL, Spring4Shell), {@code code.php}, {@code code.node} (Node.js,
 * JavaScript, prototype pollution), {@code code.python} (with pickles, YAML object tags and Django
 * ORM lookups), {@code code.ruby}, {@code code.perl}, and {@code code.datauri}. The last five share
 * the rule key {@code CODE} and read values the same way ({@code rules.ScriptFeatures},
 * {@code rules.ScriptPasses}, {@code rules.ScriptWords}). Server-side templates are the
 * {@code template} family.
 */
package dev.bulwark.core.internal.code;
