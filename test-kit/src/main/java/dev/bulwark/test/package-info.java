/**
 * Bulwark's test kit: unit-test a security configuration in the service's own build, without a
 * server. {@link dev.bulwark.test.BulwarkTester} builds the engine from the configuration the
 * service ships, {@link dev.bulwark.test.TestRequest} writes requests fluently,
 * {@link dev.bulwark.test.BulwarkAssertions} asserts on decisions with AssertJ, and
 * {@link dev.bulwark.test.BulwarkMockMvc} and {@link dev.bulwark.test.AutoConfigureBulwark} run
 * MockMvc requests through the filter.
 */
package dev.bulwark.test;
