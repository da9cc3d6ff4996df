package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Level;
import dev.bulwark.traffic.CorpusRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays corpora through an engine in-process, one request at a time on the calling thread.
 *
 * <p>Every request is built once, before any timing. The whole set is then replayed
 * {@code warmup} times unmeasured (so the JIT compiles the engine on the same mix it is measured
 * on) and {@code runs} times measured, with {@link System#nanoTime()} read immediately around
 * {@link Bulwark#evaluate} only. A request's latency is the median of its measured passes, which
 * keeps one garbage-collection pause from deciding its figure. The verdict is the one of the first
 * measured pass; a request whose verdict changes between passes is marked unstable.
 *
 * @param files the corpora in the order replayed
 * @param results one per request, in the same order
 * @param level the deny-rules level the engine ran with
 * @param warmup unmeasured passes
 * @param runs measured passes
 * @param wallNanos wall-clock time of the measured passes together
 */
public record Evaluation(List<String> files, List<RequestResult> results, Level level, int warmup, int runs, long wallNanos) {

    public Evaluation {
        files = List.copyOf(files);
        results = List.copyOf(results);
        Objects.requireNonNull(level, "level");
    }

    /**
     * Replays the corpora.
     *
     * @param progress receives a line per phase, for the console
     */
    public static Evaluation run(Bulwark engine, List<CorpusFile> corpora, int warmup, int runs, Consumer<String> progress) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up passes must not be negative, was " + warmup);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("at least one measured pass is needed, was " + runs);
        }
        List<CorpusRequest> all = new ArrayList<>();
        List<String> fileOf = new ArrayList<>();
        for (CorpusFile corpus : corpora) {
            for (CorpusRequest request : corpus.requests()) {
                all.add(request);
                fileOf.add(corpus.name());
            }
        }
        int n = all.size();
        HttpRequest[] requests = new HttpRequest[n];
        for (int i = 0; i < n; i++) {
            requests[i] = all.get(i).toHttpRequest();
        }

        for (int pass = 1; pass <= warmup; pass++) {
            progress.accept("warm-up pass " + pass + " of " + warmup + " (" + n + " requests)");
            int i = 0;
            try {
                for (; i < n; i++) {
                    consume(engine.evaluate(requests[i]));
                }
            } catch (RuntimeException e) {
                throw thrown(all.get(i), e);
            }
        }

        long[][] nanos = new long[n][runs];
        Decision[] first = new Decision[n];
        boolean[] stable = new boolean[n];
        long wallStart = System.nanoTime();
        for (int pass = 0; pass < runs; pass++) {
            progress.accept("measured pass " + (pass + 1) + " of " + runs);
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                Decision decision;
                try {
                    decision = engine.evaluate(requests[i]);
                } catch (RuntimeException e) {
                    throw thrown(all.get(i), e);
                }
                long elapsed = System.nanoTime() - start;
                nanos[i][pass] = elapsed;
                if (pass == 0) {
                    first[i] = decision;
                    stable[i] = true;
                } else if (decision.blocked() != first[i].blocked()) {
                    stable[i] = false;
                }
            }
        }
        long wallNanos = System.nanoTime() - wallStart;

        List<RequestResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CorpusRequest request = all.get(i);
            Decision decision = first[i];
            List<String> rules = decision.blocked()
                    ? decision.blockingFindings().stream().map(Finding::ruleId).toList()
                    : List.of();
            results.add(new RequestResult(fileOf.get(i), request.id(), request.label(), request.category(),
                    decision.blocked(), decision.status(), rules, Latency.median(nanos[i]), stable[i]));
        }
        List<String> names = corpora.stream().map(CorpusFile::name).toList();
        return new Evaluation(names, results, engine.config().denyRules().level(), warmup, runs, wallNanos);
    }

    /** {@link Bulwark#evaluate} promises never to throw; when it does, name the request that made it. */
    private static IllegalStateException thrown(CorpusRequest request, RuntimeException e) {
        return new IllegalStateException("Bulwark.evaluate threw on " + request.id() + ": " + e, e);
    }

    /** Keeps the JIT from discarding the evaluation during warm-up. */
    private static volatile boolean sink;

    private static void consume(Decision decision) {
        sink = decision.blocked();
    }

    /** The results of one file, in file order. */
    public List<RequestResult> resultsOf(String file) {
        return results.stream().filter(r -> r.file().equals(file)).toList();
    }
}
