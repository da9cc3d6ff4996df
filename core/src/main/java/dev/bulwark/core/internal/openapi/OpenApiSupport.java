package dev.bulwark.core.internal.openapi;

import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.OpenApiConfig;

/**
 * Creates the OpenAPI check only when the optional validator library is present, so services that
 * do not use OpenAPI enforcement need not carry it.
 */
public final class OpenApiSupport {

    private static final String VALIDATOR_CLASS = "com.atlassian.oai.validator.OpenApiInteractionValidator";
    private static final String SCHEMA_ENGINE_CLASS = "com.networknt.schema.SchemaRegistry";

    private OpenApiSupport() {
    }

    /** The check for this configuration; fails start-up when the validator or the schema engine is not on the classpath. */
    public static OpenApiCheck create(OpenApiConfig config) {
        require(VALIDATOR_CLASS, "com.atlassian.oai:swagger-request-validator-core");
        require(SCHEMA_ENGINE_CLASS, "com.networknt:json-schema-validator");
        return new OpenApiCheck(config);
    }

    private static void require(String className, String artifact) {
        try {
            Class.forName(className, false, OpenApiSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException("openapi", "OpenAPI enforcement needs " + artifact + " on the classpath");
        }
    }
}
