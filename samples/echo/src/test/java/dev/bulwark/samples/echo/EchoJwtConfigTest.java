package dev.bulwark.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echo service with {@code config/jwt.yaml} (keys from {@code jwks-file}) enforces tokens. */
class EchoJwtConfigTest extends RunningEcho {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RSAKey key;

    EchoJwtConfigTest() {
        super(Path.of("samples/echo/config/jwt.yaml"));
    }

    @BeforeAll
    void loadKey() throws Exception {
        key = DemoToken.signingKey(DemoToken.KEY);
    }

    private HttpResponse<String> get(String target, String token) throws Exception {
        HttpRequest.Builder request = request(target).header("X-User-Id", "mallory");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private String token(String subject, String scope) throws Exception {
        return DemoToken.mint(key, DemoToken.ISSUER, DemoToken.AUDIENCE, subject, scope, 300);
    }

    @Test
    void refusesRequestWithoutToken() throws Exception {
        HttpResponse<String> response = get("/hello", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void passesRequestWithDemoTokenAndPropagatesTheSubject() throws Exception {
        HttpResponse<String> response = get("/hello", token("alice", "echo:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode headers = JSON.readTree(response.body()).get("headers");
        assertThat(headers.get("X-User-Id")).extracting(JsonNode::asText).containsExactly("alice");
    }

    @Test
    void refusesTokenSignedWithAnotherKey() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();

        HttpResponse<String> response = get("/hello", DemoToken.mint(other, DemoToken.ISSUER, DemoToken.AUDIENCE, "alice",
                "echo:read", 300));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void refusesTokenLivingLongerThanMaxLifetime() throws Exception {
        HttpResponse<String> response = get("/hello", DemoToken.mint(key, DemoToken.ISSUER, DemoToken.AUDIENCE, "alice",
                "echo:read", 24 * 3600));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void passesPublicRouteWithoutTokenButDropsTheClaimedUser() throws Exception {
        HttpResponse<String> response = get("/public/info", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("headers").has("X-User-Id")).isFalse();
    }

    @Test
    void forbidsAdminRouteWithoutTheScope() throws Exception {
        assertThat(get("/admin/users", token("alice", "echo:read")).statusCode()).isEqualTo(403);
        assertThat(get("/admin/users", token("root", "echo:read echo:admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void mintsTokensFromTheCommandLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = DemoToken.run(new String[] {"--sub", "bob"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isZero();
        String token = out.toString(StandardCharsets.UTF_8).trim();
        HttpResponse<String> response = get("/hello", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("headers").get("X-User-Id").get(0).asText()).isEqualTo("bob");
    }

    @Test
    void publishesOnlyThePublicKey() throws Exception {
        String jwks = java.nio.file.Files.readString(Path.of("samples/echo/config/jwks.json"));

        assertThat(com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }
}
