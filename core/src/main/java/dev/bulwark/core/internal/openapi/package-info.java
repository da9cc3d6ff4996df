/** OpenAPI enforcement on swagger-request-validator, with JSON request bodies checked by networknt's json-schema-validator. */
package dev.bulwark.core.internal.openapi;
