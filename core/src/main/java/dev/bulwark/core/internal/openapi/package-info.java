/**
 * OpenAPI enforcement on swagger-request-validator, with JSON request bodies and plain parameter
 * values checked against schemas compiled once at start-up by networknt's json-schema-validator.
 */
package dev.bulwark.core.internal.openapi;
