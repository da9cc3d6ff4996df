package dev.bulwark.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.traffic.Label;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of an {@link Evaluation}: per file and category, the headline, the rules behind false
 * positives; rendered as a plain-text report, as JSON, and as a list of misses for tuning.
 */
public final class Report {

    /**
     * The attack families of the CRS regression tests that the headline figure combines. The
     * others ({@code protocol}, {@code scanner}, {@code session-fixation}) are largely HTTP policy
     * rather than attacks; see the corpora README.
     */
    public static final List<String> HEADLINE_FAMILIES = List.of(
            "sqli", "xss", "cmdi", "path-traversal", "rfi", "java", "php", "generic", "protocol-attack", "multipart");

    /** How many rules the false-positive list shows. */
    private static final int TOP_RULES = 10;

    /**
     * The figures of one corpus file.
     *
     * @param file the file name
     * @param categories one tally per label and category, attacks first, then benign, then neutral
     * @param attacks all its attacks
     * @param benign all its benign requests
     * @param neutral all its neutral requests
     * @param all every request of the file
     */
    public record FileSummary(String file, List<Tally> categories, Tally attacks, Tally benign, Tally neutral, Tally all) {

        /** The tally of one label. */
        public Tally of(Label label) {
            return switch (label) {
                case ATTACK -> attacks;
                case BENIGN -> benign;
                case NEUTRAL -> neutral;
            };
        }
    }

    /**
     * A rule that blocked benign requests.
     *
     * @param ruleId the rule id
     * @param requests how many benign requests it blocked
     * @param files the files they came from
     * @param exampleId one of them
     */
    public record RuleCount(String ruleId, int requests, List<String> files, String exampleId) {
    }

    private final Evaluation evaluation;
    private final String configuration;
    private final List<FileSummary> files;
    private final FileSummary total;
    private final Tally headline;
    private final List<Tally> headlineFamilies;
    private final List<RuleCount> falsePositiveRules;
    private final List<RequestResult> unstable;

    private Report(Evaluation evaluation, String configuration) {
        this.evaluation = evaluation;
        this.configuration = configuration;
        List<FileSummary> summaries = new ArrayList<>();
        for (String file : evaluation.files()) {
            summaries.add(summarize(file, evaluation.resultsOf(file)));
        }
        this.files = List.copyOf(summaries);
        this.total = summarize("all files", evaluation.results());

        if (evaluation.files().contains(Corpora.CRS_REGRESSION)) {
            List<RequestResult> crs = evaluation.resultsOf(Corpora.CRS_REGRESSION);
            List<RequestResult> families = crs.stream()
                    .filter(r -> r.label() == Label.ATTACK && HEADLINE_FAMILIES.contains(r.category()))
                    .toList();
            this.headline = Tally.of("crs-regression attack families", Label.ATTACK, families);
            List<Tally> perFamily = new ArrayList<>();
            for (String family : HEADLINE_FAMILIES) {
                perFamily.add(Tally.of(family, Label.ATTACK,
                        families.stream().filter(r -> r.category().equals(family)).toList()));
            }
            this.headlineFamilies = List.copyOf(perFamily);
        } else {
            this.headline = null;
            this.headlineFamilies = List.of();
        }

        this.falsePositiveRules = falsePositiveRules(evaluation.results());
        this.unstable = evaluation.results().stream().filter(r -> !r.stable()).toList();
    }

    /**
     * The report of an evaluation.
     *
     * @param configuration where the configuration came from, for the report header
     */
    public static Report of(Evaluation evaluation, String configuration) {
        return new Report(evaluation, configuration);
    }

    private static FileSummary summarize(String file, List<RequestResult> results) {
        List<Tally> categories = new ArrayList<>();
        for (Label label : Label.values()) {
            Map<String, List<RequestResult>> byCategory = new TreeMap<>();
            for (RequestResult result : results) {
                if (result.label() == label) {
                    byCategory.computeIfAbsent(result.category(), c -> new ArrayList<>()).add(result);
                }
            }
            byCategory.forEach((category, members) -> categories.add(Tally.of(category, label, members)));
        }
        return new FileSummary(file, categories,
                Tally.of("all attacks", Label.ATTACK, only(results, Label.ATTACK)),
                Tally.of("all benign", Label.BENIGN, only(results, Label.BENIGN)),
                Tally.of("all neutral", Label.NEUTRAL, only(results, Label.NEUTRAL)),
                Tally.of("all requests", null, results));
    }

    private static List<RequestResult> only(List<RequestResult> results, Label label) {
        return results.stream().filter(r -> r.label() == label).toList();
    }

    private static List<RuleCount> falsePositiveRules(List<RequestResult> results) {
        Map<String, List<RequestResult>> byRule = new LinkedHashMap<>();
        for (RequestResult result : results) {
            if (result.falsePositive()) {
                List<String> rules = result.blockingRules().isEmpty() ? List.of("(no rule id)") : result.blockingRules();
                for (String rule : new LinkedHashSet<>(rules)) {
                    byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(result);
                }
            }
        }
        List<RuleCount> counts = new ArrayList<>();
        byRule.forEach((rule, blocked) -> counts.add(new RuleCount(rule, blocked.size(),
                blocked.stream().map(RequestResult::file).distinct().toList(), blocked.get(0).id())));
        counts.sort(Comparator.comparingInt(RuleCount::requests).reversed().thenComparing(RuleCount::ruleId));
        return List.copyOf(counts);
    }

    public List<FileSummary> files() {
        return files;
    }

    /** Every request of every file together. */
    public FileSummary total() {
        return total;
    }

    /** The CRS regression attack families combined; {@code null} when that file was not evaluated. */
    public Tally headline() {
        return headline;
    }

    /** The headline per family, in {@link #HEADLINE_FAMILIES} order. */
    public List<Tally> headlineFamilies() {
        return headlineFamilies;
    }

    /** Rules that blocked benign requests, most requests first. */
    public List<RuleCount> falsePositiveRules() {
        return falsePositiveRules;
    }

    /** Requests whose verdict changed between measured passes. */
    public List<RequestResult> unstable() {
        return unstable;
    }

    // ---------------------------------------------------------------- text

    /** The plain-text report. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Bulwark corpus evaluation\n");
        out.append("  configuration: ").append(configuration)
                .append(", deny-rules level ").append(evaluation.level().name().toLowerCase(Locale.ROOT)).append('\n');
        out.append("  requests: ").append(Tally.count(evaluation.results().size())).append(" in ")
                .append(evaluation.files().size()).append(evaluation.files().size() == 1 ? " file" : " files")
                .append("; passes: ").append(evaluation.warmup()).append(" warm-up, ").append(evaluation.runs())
                .append(" measured (")
                .append(String.format(Locale.ROOT, "%.2f s", evaluation.wallNanos() / 1e9)).append(")\n");
        out.append("  latency: engine time per request (Bulwark.evaluate only), median of the measured passes, in microseconds\n");

        for (FileSummary file : files) {
            out.append('\n').append(file.file()).append(" (").append(Tally.count(file.all().requests())).append(" requests)\n");
            TextTable table = new TextTable("  ")
                    .column("label", TextTable.Align.LEFT)
                    .column("category", TextTable.Align.LEFT)
                    .column("requests", TextTable.Align.RIGHT)
                    .column("blocked", TextTable.Align.RIGHT)
                    .column("result", TextTable.Align.LEFT);
            latencyColumns(table);
            for (Label label : Label.values()) {
                List<Tally> rows = file.categories().stream().filter(t -> t.label() == label).toList();
                rows.forEach(t -> categoryRow(table, t, t.name()));
                if (rows.size() > 1) {
                    categoryRow(table, file.of(label), "(all)");
                }
            }
            categoryRow(table, file.all(), "");
            out.append(table.render());
        }

        out.append("\nSummary per file\n");
        TextTable summary = new TextTable("  ")
                .column("file", TextTable.Align.LEFT)
                .column("attacks", TextTable.Align.RIGHT)
                .column("blocked", TextTable.Align.RIGHT)
                .column("TPR", TextTable.Align.RIGHT)
                .column("benign", TextTable.Align.RIGHT)
                .column("blocked", TextTable.Align.RIGHT)
                .column("FPR", TextTable.Align.RIGHT)
                .column("neutral blocked", TextTable.Align.RIGHT);
        latencyColumns(summary);
        for (FileSummary file : files) {
            summaryRow(summary, file);
        }
        if (files.size() > 1) {
            summaryRow(summary, total);
        }
        out.append(summary.render());

        out.append('\n');
        if (headline == null) {
            out.append("Headline: ").append(Corpora.CRS_REGRESSION).append(" was not evaluated\n");
        } else {
            out.append("Headline: crs-regression attack families (").append(String.join(", ", HEADLINE_FAMILIES))
                    .append(")\n  ").append(Tally.count(headline.blocked())).append(" of ")
                    .append(Tally.count(headline.requests())).append(" blocked, ").append(headline.score())
                    .append("; latency p50 ").append(Tally.micros(headline.latency().p50())).append(" us, p99 ")
                    .append(Tally.micros(headline.latency().p99())).append(" us\n");
            TextTable families = new TextTable("  ")
                    .column("family", TextTable.Align.LEFT)
                    .column("attacks", TextTable.Align.RIGHT)
                    .column("blocked", TextTable.Align.RIGHT)
                    .column("TPR", TextTable.Align.RIGHT);
            for (Tally family : headlineFamilies) {
                families.row(family.name(), Tally.count(family.requests()), Tally.count(family.blocked()),
                        family.requests() == 0 ? "-" : Tally.percent(family.rate()));
            }
            families.row("combined", Tally.count(headline.requests()), Tally.count(headline.blocked()),
                    Tally.percent(headline.rate()));
            out.append(families.render());
        }

        out.append('\n');
        int benignBlocked = total.benign().blocked();
        if (benignBlocked == 0) {
            out.append("Benign requests blocked: none\n");
        } else {
            out.append("Benign requests blocked: ").append(Tally.count(benignBlocked)).append(" of ")
                    .append(Tally.count(total.benign().requests())).append(", by blocking rule (top ")
                    .append(Math.min(TOP_RULES, falsePositiveRules.size())).append(" of ")
                    .append(falsePositiveRules.size()).append(")\n");
            TextTable rules = new TextTable("  ")
                    .column("rule", TextTable.Align.LEFT)
                    .column("requests", TextTable.Align.RIGHT)
                    .column("files", TextTable.Align.LEFT)
                    .column("example", TextTable.Align.LEFT);
            falsePositiveRules.stream().limit(TOP_RULES).forEach(rule -> rules.row(rule.ruleId(),
                    Tally.count(rule.requests()), String.join(", ", rule.files()), rule.exampleId()));
            out.append(rules.render());
        }

        if (!unstable.isEmpty()) {
            out.append("\nWarning: ").append(unstable.size())
                    .append(" requests changed verdict between measured passes, e.g. ")
                    .append(String.join(", ", unstable.stream().limit(5).map(RequestResult::id).toList())).append('\n');
        }
        return out.toString();
    }

    /** The latency columns that end every table, filled by {@link #latencyCell}. */
    private static void latencyColumns(TextTable table) {
        table.column("p50 us", TextTable.Align.RIGHT)
                .column("p99 us", TextTable.Align.RIGHT)
                .column("max us", TextTable.Align.RIGHT);
    }

    private static void categoryRow(TextTable table, Tally tally, String category) {
        table.row(tally.label() == null ? "all" : tally.label().jsonName(), category, Tally.count(tally.requests()),
                Tally.count(tally.blocked()), tally.label() == null ? "" : tally.score(),
                latencyCell(tally, tally.latency().p50()), latencyCell(tally, tally.latency().p99()),
                latencyCell(tally, tally.latency().max()));
    }

    private static void summaryRow(TextTable table, FileSummary file) {
        Tally attacks = file.attacks();
        Tally benign = file.benign();
        Tally neutral = file.neutral();
        Tally all = file.all();
        table.row(file.file(),
                countCell(attacks, attacks.requests()), countCell(attacks, attacks.blocked()), rateCell(attacks),
                countCell(benign, benign.requests()), countCell(benign, benign.blocked()), rateCell(benign),
                neutral.requests() == 0 ? "-" : Tally.count(neutral.blocked()) + " of " + Tally.count(neutral.requests()),
                latencyCell(all, all.latency().p50()), latencyCell(all, all.latency().p99()),
                latencyCell(all, all.latency().max()));
    }

    private static String countCell(Tally tally, int value) {
        return tally.requests() == 0 ? "-" : Tally.count(value);
    }

    private static String rateCell(Tally tally) {
        return tally.requests() == 0 ? "-" : Tally.percent(tally.rate());
    }

    private static String latencyCell(Tally tally, long nanos) {
        return tally.requests() == 0 ? "-" : Tally.micros(nanos);
    }

    // ---------------------------------------------------------------- misses

    /**
     * One line per attack not blocked and per benign request blocked, in corpus order:
     * {@code id<TAB>missed-attack|false-positive<TAB>category<TAB>rule,rule} ({@code -} when no
     * rule blocked).
     */
    public List<String> misses() {
        List<String> lines = new ArrayList<>();
        for (RequestResult result : evaluation.results()) {
            if (result.missedAttack() || result.falsePositive()) {
                lines.add(result.id() + '\t' + (result.missedAttack() ? "missed-attack" : "false-positive") + '\t'
                        + result.category() + '\t'
                        + (result.blockingRules().isEmpty() ? "-" : String.join(",", result.blockingRules())));
            }
        }
        return lines;
    }

    // ---------------------------------------------------------------- JSON

    /** The whole report, every request included, as a JSON tree. */
    public ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("configuration", configuration);
        root.put("level", evaluation.level().name().toLowerCase(Locale.ROOT));
        root.put("warmup", evaluation.warmup());
        root.put("runs", evaluation.runs());
        root.put("measured_seconds", evaluation.wallNanos() / 1e9);
        ArrayNode fileNodes = root.putArray("files");
        for (FileSummary file : files) {
            fileNodes.add(fileJson(mapper, file));
        }
        root.set("total", fileJson(mapper, total));
        if (headline != null) {
            ObjectNode node = tallyJson(mapper, headline);
            ArrayNode families = node.putArray("families");
            headlineFamilies.forEach(f -> families.add(tallyJson(mapper, f)));
            root.set("headline", node);
        }
        ArrayNode rules = root.putArray("false_positive_rules");
        for (RuleCount rule : falsePositiveRules) {
            ObjectNode node = rules.addObject();
            node.put("rule", rule.ruleId());
            node.put("requests", rule.requests());
            ArrayNode ruleFiles = node.putArray("files");
            rule.files().forEach(ruleFiles::add);
            node.put("example", rule.exampleId());
        }
        ArrayNode results = root.putArray("results");
        for (RequestResult result : evaluation.results()) {
            ObjectNode node = results.addObject();
            node.put("file", result.file());
            node.put("id", result.id());
            node.put("label", result.label().jsonName());
            node.put("category", result.category());
            node.put("blocked", result.blocked());
            node.put("status", result.status());
            ArrayNode ids = node.putArray("rules");
            result.blockingRules().forEach(ids::add);
            node.put("latency_us", Latency.micros(result.latencyNanos()));
            if (!result.stable()) {
                node.put("stable", false);
            }
        }
        return root;
    }

    private static ObjectNode fileJson(ObjectMapper mapper, FileSummary file) {
        ObjectNode node = mapper.createObjectNode();
        node.put("file", file.file());
        node.set("attacks", tallyJson(mapper, file.attacks()));
        node.set("benign", tallyJson(mapper, file.benign()));
        node.set("neutral", tallyJson(mapper, file.neutral()));
        node.set("all", tallyJson(mapper, file.all()));
        ArrayNode categories = node.putArray("categories");
        file.categories().forEach(t -> categories.add(tallyJson(mapper, t)));
        return node;
    }

    private static ObjectNode tallyJson(ObjectMapper mapper, Tally tally) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", tally.name());
        if (tally.label() != null) {
            node.put("label", tally.label().jsonName());
        }
        node.put("requests", tally.requests());
        node.put("blocked", tally.blocked());
        boolean empty = tally.requests() == 0;
        if (tally.label() == Label.ATTACK) {
            node.put("tpr", empty ? null : tally.rate());
        } else if (tally.label() == Label.BENIGN) {
            node.put("fpr", empty ? null : tally.rate());
        }
        if (empty) {
            node.putNull("latency_us");
            return node;
        }
        ObjectNode latency = node.putObject("latency_us");
        latency.put("p50", Latency.micros(tally.latency().p50()));
        latency.put("p99", Latency.micros(tally.latency().p99()));
        latency.put("max", Latency.micros(tally.latency().max()));
        return node;
    }
}
