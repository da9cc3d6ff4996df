package dev.bulwark.test;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.servlet.BulwarkFilter;
import java.util.Objects;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * Runs MockMvc requests through Bulwark, so controller tests see what a client would see:
 *
 * <pre>{@code
 * MockMvc mockMvc = MockMvcBuilders.standaloneSetup(new PetController())
 *         .addFilters(BulwarkMockMvc.filter(BulwarkTester.ofApplicationYaml("classpath:application.yml")))
 *         .build();
 *
 * mockMvc.perform(get("/pets").queryParam("tag", "1' OR '1'='1"))
 *         .andExpect(status().isForbidden())
 *         .andExpect(BulwarkMockMvc.blockedBy("SQL"));
 * }</pre>
 *
 * Put query parameters in the URI or add them with {@code queryParam}, which writes them into the
 * query string as a client would. MockMvc's {@code param} only sets servlet parameters, which no
 * client can send: the filter inspects the query string and the body, so it neither sees such
 * parameters nor passes them on to the controller.
 *
 * In a Spring Boot test with the starter, {@code @AutoConfigureMockMvc} already adds the filter
 * the starter registers; in a {@code @WebMvcTest} slice, add {@link AutoConfigureBulwark}.
 *
 * <p>Needs {@code spring-test} on the test classpath (every Spring Boot test has it).
 */
public final class BulwarkMockMvc {

    private BulwarkMockMvc() {
    }

    /** The servlet filter asking {@code bulwark}, for {@code addFilters}. */
    public static BulwarkFilter filter(Bulwark bulwark) {
        return BulwarkFilter.create(Objects.requireNonNull(bulwark, "bulwark"));
    }

    /** The servlet filter asking the tester's engine, for {@code addFilters}. */
    public static BulwarkFilter filter(BulwarkTester tester) {
        return filter(Objects.requireNonNull(tester, "tester").bulwark());
    }

    /** The servlet filter for a configuration, for {@code addFilters}. */
    public static BulwarkFilter filter(BulwarkConfig config) {
        return filter(Bulwark.create(Objects.requireNonNull(config, "config")));
    }

    /**
     * The decision the filter made on the request of {@code result}, for
     * {@link BulwarkAssertions#assertThat(Decision)}.
     *
     * @throws AssertionError when the request did not pass through a Bulwark filter
     */
    public static Decision decision(MvcResult result) {
        Object decision = Objects.requireNonNull(result, "result").getRequest().getAttribute(BulwarkFilter.DECISION_ATTRIBUTE);
        if (!(decision instanceof Decision found)) {
            throw new AssertionError("The request did not pass through a Bulwark filter (no "
                    + BulwarkFilter.DECISION_ATTRIBUTE + " request attribute); add BulwarkMockMvc.filter(...) "
                    + "to the MockMvc builder, or use @AutoConfigureMockMvc with the starter");
        }
        return found;
    }

    /** Expects the filter to have let the request through (see {@link DecisionAssert#isAllowed()}). */
    public static ResultMatcher allowed() {
        return result -> BulwarkAssertions.assertThat(decision(result)).isAllowed();
    }

    /** Expects the filter to have blocked the request by a rule key or id (see {@link DecisionAssert#isBlockedBy(String)}). */
    public static ResultMatcher blockedBy(String rule) {
        Objects.requireNonNull(rule, "rule");
        return result -> BulwarkAssertions.assertThat(decision(result)).isBlockedBy(rule);
    }

    /** Expects a log-only finding of a rule key or id (see {@link DecisionAssert#isLoggedBy(String)}). */
    public static ResultMatcher loggedBy(String rule) {
        Objects.requireNonNull(rule, "rule");
        return result -> BulwarkAssertions.assertThat(decision(result)).isLoggedBy(rule);
    }
}
