package dev.bulwark.samples.petstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The petstore run as the README's step 6 shows for a look at its configuration: management on its
 * own loopback port with the {@code bulwark} endpoint exposed there and its values shown, and
 * still nothing of it on the port clients use.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "management.server.address=127.0.0.1",
        "management.endpoints.web.exposure.include=health,prometheus,bulwark",
        "management.endpoint.bulwark.show-values=always"})
class PetstoreManagementPortTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void showsTheEffectiveConfigurationOnTheManagementPort() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/bulwark");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bulwark = JSON.readTree(response.body());
        assertThat(bulwark.at("/configuration/deny-rules/exceptions/0/rule-ids/0").asText()).isEqualTo("XSS-STYLE-ATTRIBUTE");
        assertThat(bulwark.at("/configuration/jwt/issuers/0/issuer").asText()).isEqualTo(MintToken.ISSUER);
    }

    @Test
    void keepsTheEndpointOffThePortClientsUse() throws Exception {
        assertThat(get(port, "/actuator/bulwark").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(int target, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
