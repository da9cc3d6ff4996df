package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;

/** The client of the benchmarks that build their own requests: a browser-based app calling an API. */
final class ApiClient {

    private ApiClient() {
    }

    /** {@code request} with the headers such a client sends to {@code api.example.com}, from 127.0.0.1. */
    static HttpRequest.Builder headers(HttpRequest.Builder request) {
        return request.header("Host", "api.example.com")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")
                .header("Accept", "application/json")
                .header("Accept-Language", "en-GB,en;q=0.9")
                .remoteAddress("127.0.0.1");
    }

    /** Fails the setup when {@code engine} blocks {@code request}: the benchmark would measure a shortened evaluation. */
    static void requireAllowed(Bulwark engine, HttpRequest request) {
        Decision decision = engine.evaluate(request);
        if (decision.blocked()) {
            throw new IllegalStateException("benchmark request is blocked: " + decision);
        }
    }
}
