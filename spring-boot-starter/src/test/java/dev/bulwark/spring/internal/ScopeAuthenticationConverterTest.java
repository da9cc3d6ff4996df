package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Decision;
import dev.bulwark.spring.security.BulwarkAuthenticationToken;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Scopes become authorities as Spring Security's resource server makes them. */
class ScopeAuthenticationConverterTest {

    private final ScopeAuthenticationConverter defaults = new ScopeAuthenticationConverter(null, "SCOPE_");

    @Test
    void namesTheAuthenticationAfterTheSubjectAndKeepsTheClaims() {
        Authentication authentication = defaults.convert(verified("alice", Map.of("scope", "a", "tenant", "t1")));

        assertThat(authentication).isInstanceOf(BulwarkAuthenticationToken.class);
        assertThat(authentication.getName()).isEqualTo("alice");
        assertThat(authentication.getPrincipal()).isEqualTo("alice");
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getCredentials()).isNull();
        assertThat(((BulwarkAuthenticationToken) authentication).getClaims()).containsEntry("tenant", "t1");
    }

    @Test
    void splitsASpaceSeparatedScopeClaimIntoPrefixedAuthorities() {
        assertThat(authorities(defaults, Map.of("scope", "orders:read  orders:write")))
                .containsExactly("SCOPE_orders:read", "SCOPE_orders:write");
    }

    @Test
    void readsAListOfScopesFromScpWhenThereIsNoScopeClaim() {
        assertThat(authorities(defaults, Map.of("scp", List.of("orders:read", "orders:write"))))
                .containsExactly("SCOPE_orders:read", "SCOPE_orders:write");
    }

    @Test
    void prefersScopeOverScp() {
        assertThat(authorities(defaults, Map.of("scope", "a", "scp", List.of("b")))).containsExactly("SCOPE_a");
    }

    @Test
    void readsTheConfiguredClaimWithTheConfiguredPrefix() {
        ScopeAuthenticationConverter roles = new ScopeAuthenticationConverter("roles", "ROLE_");

        assertThat(authorities(roles, Map.of("roles", List.of("ADMIN"), "scope", "a"))).containsExactly("ROLE_ADMIN");
    }

    @Test
    void grantsNothingForAClaimOfAnotherType() {
        assertThat(authorities(defaults, Map.of("scope", 42))).isEmpty();
    }

    @Test
    void authenticatesNobodyWithoutAVerifiedSubject() {
        assertThat(defaults.convert(Decision.of(List.of(), "inc-1", Map.of()))).isNull();
    }

    private static List<String> authorities(ScopeAuthenticationConverter converter, Map<String, Object> claims) {
        return converter.convert(verified("alice", claims)).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
    }

    private static Decision verified(String subject, Map<String, Object> claims) {
        return Decision.of(List.of(), "inc-1", Map.of(Decision.SUBJECT_ATTRIBUTE, subject, Decision.CLAIMS_ATTRIBUTE, claims));
    }
}
