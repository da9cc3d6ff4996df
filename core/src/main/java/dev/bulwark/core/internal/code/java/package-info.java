/** Attacks on Java applications (rule key {@code JAVA}): the detector, its rules and the Log4j lookup evaluator and Java name tables it uses. */
package dev.bulwark.core.internal.code.java;
