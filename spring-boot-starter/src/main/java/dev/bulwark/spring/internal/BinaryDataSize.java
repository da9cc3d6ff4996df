package dev.bulwark.spring.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link org.springframework.util.unit.DataSize} property that also accepts the units of
 * Bulwark's YAML file ({@code K}, {@code KiB}, {@code M}, {@code MiB}, {@code G}, {@code GiB}), so
 * that a configuration copied from a Bulwark file under {@code bulwark:} binds unchanged. Spring's
 * own units keep working; every unit is a power of 1024, as in both places.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface BinaryDataSize {
}
