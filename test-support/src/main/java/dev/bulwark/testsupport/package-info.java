/**
 * Helpers the adapters' and the starter's tests share: raw HTTP over a socket ({@link
 * dev.bulwark.testsupport.RawHttp}), the security log read back by incident id ({@link
 * dev.bulwark.testsupport.SecurityLog}), a marker-driven check ({@link
 * dev.bulwark.testsupport.TestCheck}), multipart bodies and HS256 tokens. Tests only: the module is
 * neither installed nor deployed.
 */
package dev.bulwark.testsupport;
