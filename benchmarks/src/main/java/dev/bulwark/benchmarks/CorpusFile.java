package dev.bulwark.benchmarks;

import dev.bulwark.traffic.CorpusRequest;
import java.util.List;
import java.util.Objects;

/**
 * A corpus read into memory.
 *
 * @param name the file name, e.g. {@code crs-regression.jsonl}
 * @param requests its requests in file order
 */
public record CorpusFile(String name, List<CorpusRequest> requests) {

    public CorpusFile {
        Objects.requireNonNull(name, "name");
        requests = List.copyOf(requests);
    }
}
