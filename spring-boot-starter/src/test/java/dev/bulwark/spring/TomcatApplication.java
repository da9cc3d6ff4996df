package dev.bulwark.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real Spring Boot application on an embedded Tomcat, on a random port of the loopback address,
 * with an HTTP client for it: for the starter's tests that need the filter in a real container.
 */
final class TomcatApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    private TomcatApplication(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Runs an auto-configured application of {@code controller} behind {@link PermitAll}, with
     * {@code properties} added to the test server's own.
     */
    static TomcatApplication permittingAll(Class<?> controller, String... properties) {
        return start(new SpringApplicationBuilder(AutoConfigured.class, PermitAll.class, controller), properties);
    }

    /** Runs {@code application} with {@code properties} added to the test server's own. */
    static TomcatApplication start(Class<?> application, String... properties) {
        return start(new SpringApplicationBuilder(application), properties);
    }

    /** Runs what {@code builder} describes (a resource loader, say) with {@code properties} added. */
    static TomcatApplication start(SpringApplicationBuilder builder, String... properties) {
        return new TomcatApplication(builder
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .properties(properties)
                .run());
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    int port() {
        return port;
    }

    URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }

    /** Sends {@code request} with a 10 s timeout. */
    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String target) throws Exception {
        return send(HttpRequest.newBuilder(uri(target)));
    }

    @Override
    public void close() {
        context.close();
    }

    /** Spring Boot's auto-configuration, the starter's included, and nothing else. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class AutoConfigured {
    }

    /** Lets every request past Spring Security, without CSRF tokens, so that the filter alone decides. */
    @Configuration(proxyBeanMethods = false)
    static class PermitAll {
        @Bean
        SecurityFilterChain security(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
