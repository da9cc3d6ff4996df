package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Headers;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestTranslatorTest {

    @Test
    void translatesEveryHeaderFieldWithItsDuplicatesUpToTheLimit() {
        HttpServletRequest request = requestWithHeaders(List.of("Accept", "X-Trace"), 2, new AtomicInteger());

        Headers headers = RequestTranslator.headers(request, 100);

        assertThat(headers.size()).isEqualTo(4);
        assertThat(headers.values("x-trace")).containsExactly("X-Trace-0", "X-Trace-1");
    }

    @Test
    void stopsAskingForHeadersOneFieldPastTheLimit() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("X-Name-" + i);
        }
        AtomicInteger lookups = new AtomicInteger();

        Headers headers = RequestTranslator.headers(requestWithHeaders(names, 1, lookups), 100);

        // One field over the limit is what the engine needs to refuse with 431; every lookup costs
        // the container a scan of all fields, so asking for all 5000 would cost their square.
        assertThat(headers.size()).isEqualTo(101);
        assertThat(lookups).hasValue(101);
    }

    @Test
    void stopsInsideTheValuesOfARepeatedHeaderAtTheLimit() {
        Headers headers = RequestTranslator.headers(requestWithHeaders(List.of("X-Many"), 500, new AtomicInteger()), 100);

        assertThat(headers.size()).isEqualTo(101);
    }

    /** A request with {@code names}, each sent {@code copies} times, counting {@code getHeaders} calls. */
    private static HttpServletRequest requestWithHeaders(List<String> names, int copies, AtomicInteger lookups) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestTranslatorTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderNames" -> Collections.enumeration(names);
                    case "getHeaders" -> {
                        lookups.incrementAndGet();
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < copies; i++) {
                            values.add(args[0] + "-" + i);
                        }
                        yield Collections.enumeration(values);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
