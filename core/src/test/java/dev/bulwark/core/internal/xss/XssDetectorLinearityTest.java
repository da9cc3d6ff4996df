package dev.bulwark.core.internal.xss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.internal.rules.ScanTarget;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One MiB of repeated hostile fragments must be scanned in time linear in its length. */
class XssDetectorLinearityTest {

    private static final int MIB = 1 << 20;

    @ParameterizedTest
    @ValueSource(strings = {
        "<", "<a ", "<a x=\"", "'((((", "${", ";", "&", "&#", "&lt", "\\", "\\u", "alert/*", "alert(",
        "/*", "{{", "![]", "javascript:", "java\tscript", "document.", "on", " onx=", "\"on", "<!--",
        "-->", "url(", "expression", "data:,", "<f o r m ", "<?", "<!", "`", "constructor.", "self[",
        "<svg/", "<a href=//", "<a style=\"position:absolute;", "<a style=width:100%;/*", "+ADw", "\uff1c", "in ", "import {", "\u0000",
        "Gift wrap (it's a present): +41 44. ", "1+1=2 ",
    })
    void scansOneMibOfRepeatedFragmentQuickly(String fragment) {
        String value = fragment.repeat(MIB / fragment.length() + 1).substring(0, MIB);
        XssDetector detector = new XssDetector();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int[] reports = new int[1];
            detector.scan(ScanTarget.queryValue(value), (rule, offset, length) -> reports[0]++);
            assertThat(reports[0]).isLessThanOrEqualTo(detector.rules().size());
        });
    }
}
