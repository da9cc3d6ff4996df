package dev.bulwark.samples.echo;

import dev.bulwark.core.config.BulwarkConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the echo service with one of its configuration files, loaded as {@code --config} loads it,
 * for the tests of one class, and sends it requests over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningEcho {

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    EchoServer server;
    private final Path config;

    /** @param config relative to the repository root, the working directory of the sample's tests */
    RunningEcho(Path config) {
        this.config = config;
    }

    @BeforeAll
    void startEcho() throws Exception {
        server = EchoServer.start(0, BulwarkConfig.load(config));
    }

    @AfterAll
    void stopEcho() {
        server.close();
    }

    HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
