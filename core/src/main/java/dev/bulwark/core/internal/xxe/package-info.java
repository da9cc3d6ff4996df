/** XML external entities (rule key {@code XXE}): DOCTYPE declarations with external entities. */
package dev.bulwark.core.internal.xxe;
