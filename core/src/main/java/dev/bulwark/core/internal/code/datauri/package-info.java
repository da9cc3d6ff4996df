/** {@code data:} URIs that carry a document (rule key {@code CODE}): the detector and its rules. */
package dev.bulwark.core.internal.code.datauri;
