package dev.bulwark.webflux.internal;

import java.security.Principal;
import java.util.Objects;

/**
 * The subject of a verified token, as the exchange's {@link Principal} once the engine verified
 * it (see {@link dev.bulwark.core.Decision#principal()}).
 */
public record TokenPrincipal(String name) implements Principal {

    public TokenPrincipal {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }
}
