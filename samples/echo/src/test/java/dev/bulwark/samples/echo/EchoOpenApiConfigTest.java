package dev.bulwark.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The echo service with {@code config/openapi.yaml} lets through only what the petstore contract allows. */
class EchoOpenApiConfigTest extends RunningEcho {

    private static final ObjectMapper JSON = new ObjectMapper();

    EchoOpenApiConfigTest() {
        super(Path.of("samples/echo/config/openapi.yaml"));
    }

    @Test
    void passesRequestTheContractAllows() throws Exception {
        byte[] body = "{\"name\":\"Rex\",\"species\":\"dog\",\"owner\":{\"email\":\"ann@example.com\"}}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(request("/api/pets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("bodySha256").asText()).isEqualTo(EchoServlet.sha256(body));
    }

    @Test
    void blocksQueryParameterOutOfRange() throws Exception {
        HttpResponse<String> response = send(request("/api/pets?limit=1000"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode violation = JSON.readTree(response.body()).get("violations").get(0);
        assertThat(violation.get("key").asText()).isEqualTo("validation.request.parameter.schema.maximum");
        assertThat(violation.get("location").asText()).isEqualTo("query:limit");
    }

    @Test
    void blocksUnknownPathAndMethod() throws Exception {
        assertThat(send(request("/api/unicorns")).statusCode()).isEqualTo(404);
        assertThat(send(request("/api/pets/1").method("PATCH", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(405);
    }

    @Test
    void leavesPathsOutsideTheContractAlone() throws Exception {
        assertThat(send(request("/status")).statusCode()).isEqualTo(200);
    }
}
