package dev.bulwark.core.internal.openapi;

import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.OpenApiConfig;

/**
 * Creates the OpenAPI check only when the optional validator library is present, so services that
 * do not use OpenAPI enforcement need not carry it.
 */
public final class OpenApiSupport {

    private static final String VALIDATOR_CLASS = "com.atlassian.oai.validator.OpenApiInteractionValidator";

    private OpenApiSupport() {
    }

    /** The check for this configuration; fails start-up when the validator is not on the classpath. */
    public static OpenApiCheck create(OpenApiConfig config) {
        try {
            Class.forName(VALIDATOR_CLASS, false, OpenApiSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException("openapi", "OpenAPI enforcement needs com.atlassian.oai:"
                    + "swagger-request-validator-core on the classpath");
        }
        return new OpenApiCheck(config);
    }
}
