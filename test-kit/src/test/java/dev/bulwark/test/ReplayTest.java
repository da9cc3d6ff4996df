package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static Path har() throws URISyntaxException {
        return Path.of(ReplayTest.class.getResource("/checkout.har").toURI());
    }

    @Test
    void listsEachBlockedRequestWithTheExceptionThatWouldLetItPass() throws Exception {
        Replay replay = BulwarkTester.of("deny-rules: {level: standard}").replay(har());

        assertThatThrownBy(() -> assertThat(replay).allPass())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting every request of checkout.har to pass, but 2 of 3 was blocked")
                .hasMessageContaining("checkout.har#1: GET /pets/7?note=")
                .hasMessageContaining("parameter: {name: {exact: \"note\"}, source: \"query\"}")
                .hasMessageContaining("checkout.har#3: POST /pets/8/notes")
                .hasMessageContaining("json: {pointer: {exact: \"/text\"}}")
                .hasMessageContaining("All exceptions together:");
    }

    @Test
    void passesOnceTheSuggestedExceptionsAreInTheConfiguration() throws Exception {
        Replay first = BulwarkTester.of("deny-rules: {level: standard}").replay(har());
        String tuned = first.suggestions().configuration("deny-rules: {level: standard}", null);

        assertThat(BulwarkTester.of(tuned).replay(har())).allPass();
    }
}
