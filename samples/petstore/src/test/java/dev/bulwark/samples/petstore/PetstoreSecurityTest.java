package dev.bulwark.samples.petstore;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.delete;
import static dev.bulwark.test.TestRequest.get;
import static dev.bulwark.test.TestRequest.patch;
import static dev.bulwark.test.TestRequest.post;
import static dev.bulwark.test.TestRequest.put;

import com.nimbusds.jose.jwk.JWK;
import dev.bulwark.test.BulwarkTester;
import dev.bulwark.test.TestToken;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The petstore's security configuration, unit-tested with the test kit: the {@code bulwark:}
 * section of {@code application.yml}, evaluated without a server or a Spring context.
 */
class PetstoreSecurityTest {

    private static final BulwarkTester BULWARK = BulwarkTester.ofApplicationYaml("classpath:application.yml");
    private static final JWK DEMO_KEY = TestToken.readJwk("classpath:" + MintToken.DEMO_KEY);

    private static final String REX = """
            {"name": "Rex", "species": "dog", "birthDate": "2021-04-12", "tags": ["friendly"],
             "owner": {"name": "Ann", "email": "ann@example.com", "phone": "+41 44 555 12 34"}}""";

    private static String token(String... scopes) {
        return TestToken.builder().issuer(MintToken.ISSUER).audience(MintToken.AUDIENCE).subject("alice").scope(scopes)
                .signWith(DEMO_KEY);
    }

    private static String pet(String description) {
        return "{\"name\": \"Rex\", \"species\": \"dog\", \"description\": \"" + description.replace("\"", "\\\"") + "\"}";
    }

    @Test
    void allowsReadingTheCatalogueWithoutAToken() {
        assertThat(BULWARK.evaluate(get("/pets?limit=5&status=available&species=dog"))).isAllowed().hasNoFindings();
        assertThat(BULWARK.evaluate(get("/pets/1"))).isAllowed();
        assertThat(BULWARK.evaluate(get("/pets/1/photos"))).isAllowed();
        assertThat(BULWARK.evaluate(get("/store/inventory"))).isAllowed();
    }

    @Test
    void blocksInjectionsInParametersAndBodies() {
        assertThat(BULWARK.evaluate(get("/pets").query("tag", "x' UNION SELECT password FROM users--"))).isBlockedBy("SQL").hasStatus(403);
        assertThat(BULWARK.evaluate(get("/pets").query("tag", "1' OR '1'='1"))).isBlockedBy("SQL-BOOLEAN");
        assertThat(BULWARK.evaluate(post("/pets").bearer(token("pets:write"))
                .json("{\"name\": \"<img src=x onerror=alert(1)>\", \"species\": \"dog\"}"))).isBlockedBy("XSS-EVENT-HANDLER");
        assertThat(BULWARK.evaluate(post("/pets").json("{\"name\": \"Robert'); DROP TABLE pets;--\", \"species\": \"dog\"}")))
                .as("deny rules run before the token check").isBlockedBy("SQL");
    }

    @Test
    void holdsGraphQlQueriesToTheCatalogueSchemaAndLimits() {
        assertThat(BULWARK.evaluate(post("/graphql").graphql("query($id: ID!){ pet(id: $id){ name tags } }", Map.of("id", "1"))))
                .isAllowed().hasNoFindings();
        assertThat(BULWARK.evaluate(post("/graphql").graphql("{ pet(id: 3){ owner{ pets{ owner{ pets{ owner{ name } } } } } } }")))
                .hasGraphQlViolation("GRAPHQL-DEPTH").hasStatus(400);
        assertThat(BULWARK.evaluate(post("/graphql").graphql("{ __type(name: \"Pet\"){ fields { name } } }")))
                .hasGraphQlViolation("GRAPHQL-INTROSPECTION");
        assertThat(BULWARK.evaluate(post("/graphql").graphql("mutation { addPet(name: \"Rex\") { id } }")))
                .hasGraphQlViolation("GRAPHQL-MUTATION");
        assertThat(BULWARK.evaluate(post("/graphql").graphql("query($tag: String){ pets(tag: $tag){ name } }",
                Map.of("tag", "<script>alert(1)</script>")))).isBlockedBy("XSS").hasStatus(403);
    }

    @Test
    void allowsStyledTextInDescriptionsOnly() {
        String styled = "<span style=\"color: green\">Gentle</span> with kids";
        String token = token("pets:write");

        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json(pet(styled)))).isAllowed().hasNoFindings();
        assertThat(BULWARK.evaluate(put("/pets/1").bearer(token).json(pet(styled)))).isAllowed();
        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json("{\"name\": \"" + styled.replace("\"", "\\\"")
                + "\", \"species\": \"dog\"}"))).as("another field").isBlockedBy("XSS-STYLE-ATTRIBUTE");
        assertThat(BULWARK.evaluate(post("/pets/1/photos").bearer(token).json("{\"url\": \"https://cdn.example.com/rex.jpg\", "
                + "\"caption\": \"" + styled.replace("\"", "\\\"") + "\"}"))).as("another operation").isBlockedBy("XSS-STYLE-ATTRIBUTE");
        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json(pet("<span onclick=\"adopt()\">Adopt me</span>"))))
                .as("another rule").isBlockedBy("XSS-EVENT-HANDLER");
        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json(pet("<script>alert(1)</script>"))))
                .as("another rule").isBlockedBy("XSS-SCRIPT-TAG");
    }

    @Test
    void blocksDisguisedLinksAndOverlaysInDescriptions() {
        String token = token("pets:write");

        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json(pet("<a href=\"https://docs.example/walks\">guide</a>"))))
                .as("a plain link to another host is reported at strict only").isAllowed();
        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json(pet("<a href=\"//evil.example/login\">log in</a>"))))
                .isBlockedBy("XSS-DISGUISED-LINK");
        assertThat(BULWARK.evaluate(put("/pets/1").bearer(token).json(pet("<a href=\"//evil.example/login\" style=\""
                + "position:fixed;top:0;left:0;width:100%;height:100%;opacity:0\">"))))
                .as("one finding per detector and value: the first of the two").isBlockedBy("XSS-DISGUISED-LINK");
        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json(pet("<div style=\"position:fixed;inset:0\">Sale</div>"))))
                .isBlockedBy("XSS-CSS-OVERLAY");
    }

    @Test
    void requiresATokenWithTheRightScopeForWrites() {
        assertThat(BULWARK.evaluate(post("/pets").json(REX))).isBlockedBy("JWT-MISSING").hasStatus(401);
        assertThat(BULWARK.evaluate(delete("/pets/1"))).isBlockedBy("JWT-MISSING");
        assertThat(BULWARK.evaluate(post("/store/orders").json("{\"petId\": 1, \"quantity\": 1}"))).isBlockedBy("JWT-MISSING");
        assertThat(BULWARK.evaluate(get("/store/orders/PS-000001"))).isBlockedBy("JWT-MISSING");

        assertThat(BULWARK.evaluate(post("/pets").bearer(token("orders:write")).json(REX))).isBlockedBy("JWT-SCOPE").hasStatus(403);
        assertThat(BULWARK.evaluate(post("/store/orders").bearer(token("pets:write")).json("{\"petId\": 1, \"quantity\": 1}")))
                .isBlockedBy("JWT-SCOPE");

        assertThat(BULWARK.evaluate(post("/pets").bearer(token("pets:write")).json(REX)))
                .isAllowed().hasAttribute("bulwark.jwt.subject", "alice");
        assertThat(BULWARK.evaluate(delete("/pets/1").bearer(token("pets:write")))).isAllowed();
        assertThat(BULWARK.evaluate(get("/store/orders/PS-000001").bearer(token()))).isAllowed();
    }

    @Test
    void refusesTokensFromElsewhereOrPastTheirTime() {
        String expired = TestToken.builder().issuer(MintToken.ISSUER).audience(MintToken.AUDIENCE).scope("pets:write")
                .expiresIn(Duration.ofMinutes(-5)).signWith(DEMO_KEY);
        String otherAudience = TestToken.builder().issuer(MintToken.ISSUER).audience("billing").scope("pets:write")
                .signWith(DEMO_KEY);
        String tooLong = TestToken.builder().issuer(MintToken.ISSUER).audience(MintToken.AUDIENCE).scope("pets:write")
                .expiresIn(Duration.ofDays(30)).signWith(DEMO_KEY);

        assertThat(BULWARK.evaluate(post("/pets").bearer(expired).json(REX))).isBlockedBy("JWT-EXPIRED").hasStatus(401);
        assertThat(BULWARK.evaluate(post("/pets").bearer(otherAudience).json(REX))).isBlockedBy("JWT-WRONG-AUDIENCE");
        assertThat(BULWARK.evaluate(post("/pets").bearer(tooLong).json(REX))).isBlockedBy("JWT-LIFETIME");
        assertThat(BULWARK.evaluate(post("/pets").bearer(token("pets:write") + "x").json(REX))).isBlockedBy("JWT-BAD-SIGNATURE");
    }

    @Test
    void acceptsTheTokensOfTheMintTokenCommand() {
        String minted = MintToken.mint("demo-user", "pets:write orders:write", Duration.ofMinutes(60));

        assertThat(BULWARK.evaluate(post("/pets").bearer(minted).json(REX))).isAllowed()
                .hasAttribute("bulwark.jwt.subject", "demo-user");
    }

    @Test
    void enforcesTheContract() {
        String token = token("pets:write");

        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json("{\"name\": \"\", \"species\": \"dragon\", \"color\": \"green\"}")))
                .isBlockedBy("OPENAPI").hasStatus(400)
                .hasViolation("validation.request.body.schema.enum").hasViolation("body:/species")
                .hasViolation("body:/name").hasViolation("validation.request.body.schema.additionalProperties");
        assertThat(BULWARK.evaluate(post("/pets").bearer(token).json("{\"name\": \"Rex\", \"species\": \"dog\", "
                + "\"owner\": {\"name\": \"Ann\", \"email\": \"not an address\"}}"))).hasViolation("body:/owner/email");
        assertThat(BULWARK.evaluate(get("/pets?limit=500"))).hasViolation("query:limit");
        assertThat(BULWARK.evaluate(get("/pets?color=red"))).hasViolation("validation.request.parameter.query.unexpected");
        assertThat(BULWARK.evaluate(get("/pets/abc"))).isBlockedBy("OPENAPI").hasStatus(400);
        assertThat(BULWARK.evaluate(get("/admin"))).isBlockedBy("validation.request.path.missing").hasStatus(404);
        assertThat(BULWARK.evaluate(patch("/pets/1").bearer(token).json("{}")))
                .isBlockedBy("validation.request.operation.notAllowed").hasStatus(405);
        assertThat(BULWARK.evaluate(post("/store/orders").bearer(token("orders:write"))
                .json("{\"petId\": 1, \"quantity\": 9, \"delivery\": {\"street\": \"Main St 1\", \"zip\": \"ABC\", \"country\": \"CH\"}}")))
                .hasViolation("body:/quantity").hasViolation("body:/delivery/zip");
    }

    @Test
    void leavesActuatorToSpring() {
        assertThat(BULWARK.evaluate(get("/actuator/health"))).isAllowed();
        assertThat(BULWARK.evaluate(get("/actuator/prometheus"))).isAllowed();
        assertThat(BULWARK.evaluate(get("/actuator/health").query("x", "1 UNION SELECT password FROM users"))).isBlockedBy("SQL");
    }
}
