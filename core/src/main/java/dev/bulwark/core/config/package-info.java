/**
 * The configuration model: immutable objects with validated builders, and the YAML loader that
 * produces them with errors that name the path of a bad key.
 */
package dev.bulwark.core.config;
