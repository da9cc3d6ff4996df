package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.bulwark.core.internal.parse.PairTable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers about a header value or a request's list of names, each computed once for the few
 * values clients send: the validator's media type utilities parse a {@code Content-Type} or
 * {@code Accept} value and every declared type on each call, which cost more than the rest of
 * the lookup. Answers are kept in a table of
 * {@value #REMEMBERED_VALUES} recent values of up to {@value #REMEMBERED_LENGTH} characters,
 * where a new value pushes out an old one, so the memory stays bounded whatever clients send and
 * values no one sends again cannot keep the common ones out.
 */
final class RecentAnswers<T> {

    static final int REMEMBERED_VALUES = 32;
    static final int REMEMBERED_LENGTH = 128;

    private record Answer<T>(String value, T answer) {
    }

    private final PairTable<Answer<T>> answers = new PairTable<>(REMEMBERED_VALUES);

    T answer(String value, Function<String, T> compute) {
        return answer(value, compute, computed -> true);
    }

    /** As {@link #answer(String, Function)}, keeping only answers {@code worthKeeping} accepts. */
    T answer(String value, Function<String, T> compute, Predicate<T> worthKeeping) {
        if (value.length() > REMEMBERED_LENGTH) {
            // Never kept, so never found: not hashed either.
            return compute.apply(value);
        }
        int slot = answers.slot(value.hashCode());
        Answer<T> known = answers.at(slot);
        if (known == null || !known.value().equals(value)) {
            known = answers.at(slot ^ 1);
        }
        if (known != null && known.value().equals(value)) {
            return known.answer();
        }
        T computed = compute.apply(value);
        if (worthKeeping.test(computed)) {
            answers.keep(slot, new Answer<>(value, computed));
        }
        return computed;
    }

    /**
     * The report of {@code check}, or an empty one without running it when {@code key} is in
     * {@code valid}: only keys whose report had no message are kept there (and only when
     * {@code mayKeep}), so that a report with a message is always the request's own.
     */
    static ValidationReport foundValidBefore(RecentAnswers<Boolean> valid, String key,
            Supplier<ValidationReport> check, boolean mayKeep) {
        ValidationReport[] checked = new ValidationReport[1];
        valid.answer(key, unused -> {
            checked[0] = check.get();
            return checked[0].getMessages().isEmpty();
        }, found -> found && mayKeep);
        return checked[0] != null ? checked[0] : ValidationReport.empty();
    }

    int size() {
        int kept = 0;
        for (int slot = 0; slot < REMEMBERED_VALUES; slot++) {
            kept += answers.at(slot) == null ? 0 : 1;
        }
        return kept;
    }
}
