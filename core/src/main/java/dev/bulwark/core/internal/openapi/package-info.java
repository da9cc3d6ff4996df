/**
 * OpenAPI enforcement on swagger-request-validator, with JSON request bodies and plain parameter
 * values checked against schemas compiled once at start-up by networknt's json-schema-validator,
 * each request's operation looked up in a table built at start-up ({@code OperationRoutes}), and
 * the validator's steps run with its media type answers and whole valid queries remembered per
 * operation, its security step answered where a requirement is met, and only the headers it reads
 * handed to it ({@code RequestSteps}). Each replaces a part of the validator with the same
 * verdicts, proven by a test that compares both, and falls back to the validator where its layout
 * is not the one expected; the lookup and the steps, copies of the validator's own, are used only
 * on the validator version they were compared against ({@code ValidatorInternals}).
 */
package dev.bulwark.core.internal.openapi;
