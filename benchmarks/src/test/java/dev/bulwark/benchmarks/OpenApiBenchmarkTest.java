package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.HttpRequest;
import org.junit.jupiter.api.Test;

/** The OpenAPI benchmark's requests are valid, the POST is 1 KiB, and the engine with the spec does validate. */
class OpenApiBenchmarkTest {

    @Test
    void benchmarkRequestsPassBothEngines() {
        for (String request : new String[] {"get", "json-1k"}) {
            for (String openapi : new String[] {"off", "on"}) {
                OpenApiBenchmark.Case state = new OpenApiBenchmark.Case();
                state.request = request;
                state.openapi = openapi;
                state.setUp();

                assertThat(new OpenApiBenchmark().evaluate(state).allowed()).isTrue();
            }
        }
    }

    @Test
    void postBodyIsOneKibibyte() {
        assertThat(OpenApiBenchmark.order()).hasSize(1024);
    }

    @Test
    void engineWithSpecRefusesWhatTheContractForbids() {
        HttpRequest outOfRange = HttpRequest.builder("GET", "/api/v1/orders?limit=1000").build();

        assertThat(OpenApiBenchmark.engine(true).evaluate(outOfRange).status()).isEqualTo(400);
        assertThat(OpenApiBenchmark.engine(false).evaluate(outOfRange).allowed()).isTrue();
    }
}
