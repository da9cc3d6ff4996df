/**
 * A gateway that puts Bulwark in front of one upstream service written in any language: Spring
 * Cloud Gateway Server WebMVC proxies every request that Bulwark lets through.
 */
package dev.bulwark.samples.gateway;
