package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Decision;
import dev.bulwark.core.config.BulwarkConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The filter lists a request's header fields once: the container answers each listing by scanning
 * its fields, and a request whose route sets limits is translated before its body is read (for the
 * route's body limit) as well as after.
 */
class HeaderTranslationTest {

    @Test
    void listsHeaderFieldsOnceWhenARouteSetsLimits() throws Exception {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                routes:
                  - when: {path: {prefix: /uploads/}}
                    limits: {body-size: 64KiB}
                """);

        assertThat(headerListings(config, "/uploads/a")).isEqualTo(1);
        assertThat(headerListings(config, "/other")).isEqualTo(1);
    }

    @Test
    void listsHeaderFieldsOnceWithoutRoutes() throws Exception {
        assertThat(headerListings(BulwarkConfig.defaults(), "/other")).isEqualTo(1);
    }

    /** How often the filter asked a clean GET to {@code path} for its header names, the request passing. */
    private static int headerListings(BulwarkConfig config, String path) throws Exception {
        AtomicInteger listings = new AtomicInteger();
        Map<String, Object> attributes = new HashMap<>();
        Map<String, List<String>> headers = Map.of("Host", List.of("example.com"), "Accept", List.of("text/html"));
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(HeaderTranslationTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getHeaderNames" -> {
                        listings.incrementAndGet();
                        yield Collections.enumeration(new ArrayList<>(headers.keySet()));
                    }
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getMethod" -> "GET";
                    case "getRequestURI" -> path;
                    case "getProtocol" -> "HTTP/1.1";
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getContentLengthLong" -> -1L;
                    case "isSecure", "isAsyncStarted" -> false;
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(HeaderTranslationTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted", "containsHeader" -> false;
                    case "getStatus" -> 200;
                    default -> null;
                });
        List<ServletRequest> reached = new ArrayList<>();

        BulwarkFilter.create(config).doFilter(request, response, (req, res) -> reached.add(req));

        assertThat(reached).hasSize(1);
        assertThat(((Decision) attributes.get(BulwarkFilter.DECISION_ATTRIBUTE)).blocked()).isFalse();
        return listings.get();
    }
}
