/**
 * The starter's classes for the Spring Boot 3 line, compiled against Spring Boot 3.5 and packed
 * into the starter's jar; loaded only when that line's classes are present. Not an API.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.spring.internal.boot3;
