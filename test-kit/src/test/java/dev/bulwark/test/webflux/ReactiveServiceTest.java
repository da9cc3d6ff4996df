package dev.bulwark.test.webflux;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.bulwark.core.Bulwark;
import dev.bulwark.test.BulwarkTester;
import dev.bulwark.webflux.BulwarkWebFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The test kit's {@link BulwarkTester} works unchanged for a reactive service: it asks the engine
 * the WebFlux filter asks, built from the same {@code application.yml}, so what it decides is what
 * the running service on Netty does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveServiceTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BulwarkTester tester = BulwarkTester.ofApplicationYaml("classpath:application.yml");
    private ConfigurableApplicationContext service;
    private int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ReactiveNotes {
        @Bean
        RouterFunction<ServerResponse> notes() {
            return route().GET("/**", request -> ServerResponse.ok().bodyValue("notes")).build();
        }
    }

    @BeforeAll
    void start() {
        service = new SpringApplicationBuilder(ReactiveNotes.class).web(WebApplicationType.REACTIVE)
                .run("--server.port=0", "--server.address=127.0.0.1");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void runsTheServiceBehindTheWebFilter() {
        assertThat(service.getBean(BulwarkWebFilter.class).bulwark()).isSameAs(service.getBean(Bulwark.class));
    }

    @Test
    void blocksWhatTheTesterBlocks() throws Exception {
        assertThat(tester.evaluate(get("/notes").query("debug", "1"))).isBlockedBy("DEBUG").hasStatus(403);

        assertThat(status("/notes?debug=1")).isEqualTo(403);
    }

    @Test
    void asksForATokenWhereTheTesterDoes() throws Exception {
        assertThat(tester.evaluate(get("/admin/users"))).hasStatus(401);

        assertThat(status("/admin/users")).isEqualTo(401);
    }

    @Test
    void allowsWhatTheTesterAllows() throws Exception {
        assertThat(tester.evaluate(get("/notes?q=shopping%20list"))).isAllowed();

        assertThat(status("/notes?q=shopping%20list")).isEqualTo(200);
    }

    private int status(String target) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
