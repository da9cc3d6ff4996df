/** OpenAPI enforcement on swagger-request-validator. */
package dev.bulwark.core.internal.openapi;
