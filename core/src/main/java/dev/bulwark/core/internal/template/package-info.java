/** Server-side template injection (rule key {@code TEMPLATE}): expression languages and template engines. */
package dev.bulwark.core.internal.template;
