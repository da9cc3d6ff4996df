package dev.bulwark.spring.internal;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.config.Route;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Warns once at start-up when Spring's multipart limits are lower than Bulwark's: an upload
 * Bulwark lets through (a route's larger {@code limits.multipart.part-size} or {@code body-size})
 * would then be refused by Spring's multipart resolver after it, with an error instead of
 * Bulwark's 413. Bulwark does not raise Spring's limits itself: a lower Spring limit may be
 * deliberate, and changing another library's settings behind the user's back is worse than a
 * clear warning. Spring's defaults are 1MB per file and 10MB per request.
 */
public final class MultipartLimitsWarning implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartLimitsWarning.class);
    private static final DataSize SPRING_MAX_FILE_SIZE = DataSize.ofMegabytes(1);
    private static final DataSize SPRING_MAX_REQUEST_SIZE = DataSize.ofMegabytes(10);

    private final BulwarkConfig config;
    private final Environment environment;

    public MultipartLimitsWarning(BulwarkConfig config, Environment environment) {
        this.config = config;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Binder binder = Binder.get(environment);
        if (!binder.bind("spring.servlet.multipart.enabled", Boolean.class).orElse(true)) {
            return;
        }
        long maxFileSize = binder.bind("spring.servlet.multipart.max-file-size", DataSize.class)
                .orElse(SPRING_MAX_FILE_SIZE).toBytes();
        long maxRequestSize = binder.bind("spring.servlet.multipart.max-request-size", DataSize.class)
                .orElse(SPRING_MAX_REQUEST_SIZE).toBytes();
        for (String warning : warnings(config, maxFileSize, maxRequestSize)) {
            LOG.warn(warning);
        }
    }

    /**
     * The warnings for these Spring limits, in bytes ({@code -1}, Spring's "no limit", never warns):
     * one when the largest part size Bulwark allows is over {@code maxFileSize}, one when the
     * largest body is over {@code maxRequestSize}.
     */
    public static List<String> warnings(BulwarkConfig config, long maxFileSize, long maxRequestSize) {
        List<String> warnings = new ArrayList<>(2);
        Largest part = largest(config, Limits::multipartPartSize, "limits.multipart.part-size");
        if (maxFileSize >= 0 && part.bytes() > maxFileSize) {
            warnings.add("spring.servlet.multipart.max-file-size (" + maxFileSize + " bytes) is lower than bulwark."
                    + part.key() + " (" + part.bytes() + " bytes): files between the two pass Bulwark and are then "
                    + "refused by Spring's multipart resolver. Raise spring.servlet.multipart.max-file-size to "
                    + part.bytes() + "B, or lower Bulwark's limit.");
        }
        Largest body = largest(config, Limits::bodySize, "limits.body-size");
        if (maxRequestSize >= 0 && body.bytes() > maxRequestSize) {
            warnings.add("spring.servlet.multipart.max-request-size (" + maxRequestSize + " bytes) is lower than "
                    + "bulwark." + body.key() + " (" + body.bytes() + " bytes): multipart requests between the two "
                    + "pass Bulwark and are then refused by Spring's multipart resolver. Raise "
                    + "spring.servlet.multipart.max-request-size to " + body.bytes() + "B, or lower Bulwark's limit.");
        }
        return warnings;
    }

    private record Largest(long bytes, String key) {
    }

    private interface LimitValue {
        long of(Limits limits);
    }

    /** The largest value of one limit over the global limits and every route's, with its key. */
    private static Largest largest(BulwarkConfig config, LimitValue limit, String key) {
        Largest largest = new Largest(limit.of(config.limits()), key);
        List<Route> routes = config.routes();
        for (int i = 0; i < routes.size(); i++) {
            Limits limits = routes.get(i).limits();
            if (limits != null && limit.of(limits) > largest.bytes()) {
                largest = new Largest(limit.of(limits), "routes[" + i + "]." + key);
            }
        }
        return largest;
    }
}
