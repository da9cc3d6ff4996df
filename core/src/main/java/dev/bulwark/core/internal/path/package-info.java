/** Path traversal, local file access, restricted extensions and dangerous upload names (rule key {@code PATH}). */
package dev.bulwark.core.internal.path;
