/**
 * Server-side code injection, one package per language: {@code code.java} (Log4Shell lookups,
 * deserialization, reflection, OGNL, Spring4Shell), {@code code.php}, and {@code code.script}
 * (Node.js, Python, Ruby, Perl, data URIs, ORM lookups, pickle). Server-side templates are the
 * {@code template} family.
 */
package dev.bulwark.core.internal.code;
