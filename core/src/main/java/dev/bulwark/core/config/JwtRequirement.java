package dev.bulwark.core.config;

import java.util.List;
import java.util.Set;

/**
 * What a route requires of the token ({@code routes[].jwt}).
 *
 * @param required whether a valid token is needed; {@code null} to keep the global setting
 * @param scopes scopes that must all be granted (from {@code scope}, space-separated, or {@code scp})
 * @param claims claim conditions that must all hold
 */
public record JwtRequirement(Boolean required, Set<String> scopes, List<ClaimRequirement> claims) {

    public JwtRequirement {
        scopes = Set.copyOf(scopes);
        claims = List.copyOf(claims);
    }
}
