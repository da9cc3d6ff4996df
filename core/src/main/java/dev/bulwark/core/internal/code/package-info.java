/**
 * Detectors for server-side code injection: Java (Log4Shell lookups, deserialization, reflection,
 * OGNL, Spring4Shell), server-side templates, PHP, and other server-side languages (Node.js,
 * Python, Ruby, Perl).
 *
 * <p>Each detector walks one decoded value with hand-written scanners (no regular expressions on
 * request data), in time linear in its length. The small lexing utilities they share live here
 * and are package-private. Keyword and function-name lists are data tables; decisions are made on
 * the structure around them (a call, a property chain, a lookup, a template delimiter).
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package dev.bulwark.core.internal.code;
