/**
 * Python code injection (rule key {@code CODE}): the detector with its rules, the call scan, the
 * pickle reader, YAML object tags (of any loader, filed under the same serialized-object rule as
 * pickles) and Django ORM lookups.
 */
package dev.bulwark.core.internal.code.python;
