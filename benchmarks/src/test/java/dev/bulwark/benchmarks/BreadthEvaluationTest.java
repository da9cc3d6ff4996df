package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Level;
import dev.bulwark.traffic.Label;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreadthEvaluationTest {

    /** The classes of the set, each with attacks and benign look-alikes. */
    private static final List<String> CLASSES = List.of("path-encoding", "path-separators", "restricted-file", "template",
            "ldap", "nosql", "mail", "ssi", "upload", "basic-auth", "header-url", "xxe", "ssrf");

    private static String text(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BreadthEvaluation.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void holdsEveryClassWithAttacksAndBenignLookAlikes() {
        Report report = BreadthEvaluation.evaluate(Level.STANDARD);
        List<Tally> categories = report.files().get(0).categories();
        for (String name : CLASSES) {
            assertThat(categories).as(name).anyMatch(t -> t.name().equals(name) && t.label() == Label.ATTACK && t.requests() >= 15);
            assertThat(categories).as(name).anyMatch(t -> t.name().equals(name) && t.label() == Label.BENIGN && t.requests() >= 5);
        }
    }

    @Test
    void keepsDetectionAndFalsePositivesAtStandardAtLeastAsGoodAsMeasured() {
        Report report = BreadthEvaluation.evaluate(Level.STANDARD);
        Report.FileSummary breadth = report.files().get(0);
        assertThat(breadth.attacks().blocked()).as(text(report)).isGreaterThanOrEqualTo(960);
        assertThat(breadth.benign().blocked()).as(text(report)).isLessThanOrEqualTo(3);
    }

    @Test
    void namesEveryMissWithItsPayload() {
        String text = text(BreadthEvaluation.evaluate(Level.STANDARD));
        assertThat(text).contains("benign/upload/18\tfalse-positive\tupload\tPATH-UPLOAD-ACTIVE-CONTENT: upload file name 'index.html'");
    }
}
