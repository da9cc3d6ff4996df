/**
 * SQL injection detection (rule key {@code SQL}): a hand-written SQL lexer, the three readings of a
 * value (as it is, after a single quote, after a double quote) and structural rules over the token
 * stream. Word lists are data in {@code SqlVocabulary}; the decisions are in {@code SqlShapes}.
 */
package dev.bulwark.core.internal.sql;
