package dev.bulwark.webflux;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BodyReadLimits;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.TestCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A WebFlux application on Netty with the filter registered as a bean, as an application without
 * the starter would do it. {@code POST /echo} answers with the body exactly as the handler
 * received it; {@code GET /headers} with the request headers the handler sees and its principal;
 * {@code GET /search} with "ok", and sets {@code Server}, which Bulwark removes; {@code GET /slow}
 * with "ok" after {@value #SLOW_MILLIS} ms off the event loop, so that a request sent right behind
 * it on the same connection waits in the server's pipeline.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ReactiveApplication {

    /** The body-size limit of the tests, in bytes. */
    static final int BODY_LIMIT = 64 * 1024;

    /** How long {@code GET /slow} takes to answer, in milliseconds. */
    static final long SLOW_MILLIS = 300;

    /** How often a handler ran, to show a blocked request never reaches one. */
    static final AtomicInteger CALLS = new AtomicInteger();
    /** The body the echo handler last received. */
    static final AtomicReference<byte[]> LAST_BODY = new AtomicReference<>();

    @Bean
    TestCheck testCheck() {
        return new TestCheck();
    }

    @Bean
    BulwarkWebFilter bulwarkWebFilter(TestCheck check) {
        BulwarkConfig config = BulwarkConfig.custom()
                .limits(Limits.custom().bodySize(BODY_LIMIT)
                        .bodyRead(BodyReadLimits.custom().timeout(Duration.ofSeconds(3))
                                .gracePeriod(Duration.ofSeconds(1)).minRate(1024).build())
                        .build())
                .build();
        return BulwarkWebFilter.create(Bulwark.builder(config).check(check).build());
    }

    @Bean
    RouterFunction<ServerResponse> routes() {
        return route()
                .POST("/echo", request -> DataBufferUtils.join(request.body((message, context) -> message.getBody()))
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .flatMap(bytes -> {
                            CALLS.incrementAndGet();
                            LAST_BODY.set(bytes);
                            return ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(bytes);
                        }))
                .GET("/headers", request -> request.principal().map(principal -> principal.getName()).defaultIfEmpty("")
                        .flatMap(principal -> {
                            CALLS.incrementAndGet();
                            Map<String, Object> seen = new LinkedHashMap<>();
                            request.headers().asHttpHeaders().forEach((name, values) -> seen.put(name, List.copyOf(values)));
                            seen.put("principal", principal);
                            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(seen);
                        }))
                .GET("/search", request -> {
                    CALLS.incrementAndGet();
                    return ServerResponse.ok().header("Server", "netty-app")
                            .bodyValue("ok");
                })
                .GET("/slow", request -> Mono.delay(Duration.ofMillis(SLOW_MILLIS))
                        .flatMap(tick -> ServerResponse.ok().bodyValue("ok")))
                .build();
    }
}
