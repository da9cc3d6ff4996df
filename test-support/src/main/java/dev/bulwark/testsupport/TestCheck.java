package dev.bulwark.testsupport;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check of the application's own, as a user would register one, driven by markers in the
 * request so that each test can ask for the behaviour it needs:
 * <ul>
 *   <li>a query containing {@code attack} is blocked by rule {@value #RULE_ID} (the excerpt holds
 *       the query, so tests can see that it never reaches the client);</li>
 *   <li>a header {@code X-Explode} makes the check throw;</li>
 *   <li>a header {@code X-Leak} reports findings whose excerpts hold secrets;</li>
 *   <li>a header {@code X-Claim} publishes it as the attribute {@code test.claim};</li>
 *   <li>a header {@code X-Change-Headers} sets {@code X-User}, hides {@code X-Forwarded-For} and
 *       tries to set a header with a line break; a blocked request asks for response headers,
 *       one of them with a line break.</li>
 * </ul>
 * It counts its invocations, to show how often the filter asked the engine.
 */
public final class TestCheck implements Check {

    public static final String RULE_ID = "TEST-ATTACK-MARKER";
    public static final String RULE_KEY = "TESTRULE";

    public final AtomicInteger invocations = new AtomicInteger();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void inspect(Inspection inspection) {
        invocations.incrementAndGet();
        HttpRequest request = inspection.request();
        if (request.headers().contains("X-Explode")) {
            throw new IllegalStateException("check exploded");
        }
        String claim = request.headers().first("X-Claim");
        if (claim != null) {
            inspection.attribute("test.claim", claim);
        }
        if (request.headers().contains("X-Change-Headers")) {
            inspection.setRequestHeader("X-User", "alice");
            inspection.removeRequestHeader("X-Forwarded-For");
            inspection.setRequestHeader("X-Bad", "a\r\nInjected: yes");
        }
        String query = request.rawQuery();
        if (query != null && query.contains("attack")) {
            inspection.responseHeader("WWW-Authenticate", "Bearer realm=\"test\"");
            inspection.responseHeader("Content-Type", "text/html");
            inspection.responseHeader("X-Split", "a\r\nSet-Cookie: x=1");
            inspection.report(new Finding(RULE_KEY, RULE_ID, "attack marker in the query",
                    Location.value(Source.QUERY, "q"), query, Level.STANDARD, Mode.BLOCK, BlockType.DENY, 403));
        }
        if (request.headers().contains("X-Leak")) {
            String authorization = String.valueOf(request.headers().first("Authorization"));
            inspection.report(finding(Location.value(Source.HEADER, "Authorization"), authorization));
            inspection.report(finding(Location.value(Source.QUERY, "password"), "hunter2"));
            inspection.report(finding(Location.value(Source.BODY, ""), "user=bob&password=hunter2&x=1"));
            inspection.report(finding(Location.value(Source.HEADER, "X-Leak"), "Bearer abc.def.ghi"));
        }
    }

    private static Finding finding(Location location, String excerpt) {
        return new Finding("LEAK", "LEAK-TEST", "leaky finding", location, excerpt, Level.STANDARD, Mode.LOG_ONLY,
                BlockType.DENY, 403);
    }
}
