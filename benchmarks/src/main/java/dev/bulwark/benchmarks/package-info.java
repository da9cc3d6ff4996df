/**
 * Measurement of the engine: the corpus evaluator ({@link dev.bulwark.benchmarks.CorpusEvaluator}),
 * which replays attack and benign request corpora through {@link dev.bulwark.core.Bulwark#evaluate}
 * and reports detection rates and latency, and the JMH benchmarks
 * ({@link dev.bulwark.benchmarks.EngineBenchmark}). Not a library: nothing here is published.
 */
package dev.bulwark.benchmarks;
