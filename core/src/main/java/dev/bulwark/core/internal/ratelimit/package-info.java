/**
 * Rate limiting and repeat-offender blocking on Bucket4j buckets, kept in the instance (a bounded
 * Caffeine cache of local buckets) or in Redis through Bucket4j's Lettuce backend. Every store call
 * is guarded by a circuit: a store that failed is not asked again until its retry interval is over,
 * so a dead Redis costs one timeout per interval, not one per request.
 */
package dev.bulwark.core.internal.ratelimit;
