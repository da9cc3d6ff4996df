package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.interaction.request.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this package reads of swagger-request-validator's private layout, and the one version it is
 * known to read correctly. {@link OperationRoutes} and {@link RequestSteps} copy the validator's
 * operation lookup and its list of request steps, and {@link RequestSteps} also the way its
 * security step reads a request, the headers its steps read, what its media type, body and query
 * steps read and report, and that its loader refuses a spec with an operation without
 * {@code responses} or a request body without {@code content} (on which a media type step fails
 * even when the header is absent, a case {@link RequestSteps} skips); a later version could add or
 * reorder a step, or read a request otherwise, without changing a field name, which no
 * reflective lookup would notice. They are therefore used
 * only with the validator version they were compared against ({@value #TESTED_VERSION}); with any
 * other (or one that cannot be told), requests go to the validator's own {@code validateRequest},
 * slower with the same verdicts. Which of the two is used is logged once, when first asked.
 */
final class ValidatorInternals {

    /** The swagger-request-validator version {@code OperationRoutesTest} and {@code RequestStepsTest} prove. */
    static final String TESTED_VERSION = "2.46.1";
    private static final String POM_PROPERTIES =
            "/META-INF/maven/com.atlassian.oai/swagger-request-validator-core/pom.properties";
    private static final Logger LOG = LoggerFactory.getLogger(ValidatorInternals.class);

    /** The validator's version on the class path; null when its jar does not say. */
    static final String VERSION = readVersion();
    private static final boolean TESTED = logged(VERSION);

    private ValidatorInternals() {
    }

    /** Whether the validator on the class path is the tested version, so that its internals may be replaced. */
    static boolean tested() {
        return TESTED;
    }

    /** Whether {@code version} is the tested version. */
    static boolean tested(String version) {
        return TESTED_VERSION.equals(version);
    }

    /** The value of the private field {@code name} declared by {@code target}'s class. */
    static Object read(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** The version from the validator jar's own Maven properties (the jar that holds {@link RequestValidator}). */
    private static String readVersion() {
        try (InputStream in = RequestValidator.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean logged(String version) {
        boolean tested = tested(version);
        if (tested) {
            LOG.info("OpenAPI requests are routed by a table built at start-up and checked step by step "
                    + "(swagger-request-validator {}, the tested version)", version);
        } else {
            LOG.warn("OpenAPI requests are checked by the validator's validateRequest as a whole (slower, same "
                    + "verdicts): swagger-request-validator {} is not the tested version {}",
                    version == null ? "of unknown version" : version, TESTED_VERSION);
        }
        return tested;
    }
}
