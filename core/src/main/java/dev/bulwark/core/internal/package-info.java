/**
 * Implementation of the engine: parsers, decoders, detectors and the pipeline. Not API: anything
 * here may change in any release.
 */
package dev.bulwark.core.internal;
