package dev.bulwark.core.internal.rfi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.BenignValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FTP download links to files (ftp://ftp.example.com/pub/file.txt, archives, data sets, READMEs): each must pass the engine at its default level in a query, a form, a JSON body
 * and a header. Their attack look-alikes stay blocked in a query: FTP URLs shaped for inclusion (a server alone, credentials, an address as host, a script, a trailing ? or NUL) and HTTP text payloads (RFI).
 *
 * <p>The benign values are in {@code rfi/ftp-links.tsv} (see {@link BenignValues}).
 */
class FtpBenignValuesTest {

    static List<Arguments> benignValues() {
        return BenignValues.read("/rfi/ftp-links.tsv");
    }

    static List<String> attacks() {
        return List.of(
            "ftp://foo.bar",
            "ftp://evil.example",
            "ftp://evil.example/",
            "ftp://user:pass@evil.example/shell.txt",
            "ftp://anonymous:x@files.example.com/pub/a.txt",
            "ftp://203.0.113.7/shell.txt",
            "ftp://[2001:db8::1]/x.txt",
            "ftp://evil.example/shell.php",
            "ftp://evil.example/shell.txt?",
            "ftp://evil.example/shell.txt%00",
            "ftp://evil.example/c99.php?",
            "ftp://evil.example/x.sh",
            "ftp://evil.example/x.pl",
            "ftp://evil.example/x.inc",
            "ftp://evil.example/x.phtml",
            "FTP://EVIL.EXAMPLE/SHELL.PHP",
            "ftp://evil.example/shell.php5",
            "ftp://evil.example/x.jsp",
            "ftp://evil.example/x.asp",
            "ftp://evil.example?",
            "ftp%3A%2F%2Fevil.example%2Fshell.php",
            "ftp%3A%2F%2Fevil.example",
            "http://evil.example/shell.txt",
            "include('ftp://evil.example/shell.txt')",
            "ftps://evil.example/shell.php");
    }

    @Test
    void holdsThirtyBenignValuesAndTwentyAttacks() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsFtpDownloadLinkInEverySource(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void keepsFtpInclusionShapeBlocked(String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).anyMatch(rule -> rule.startsWith("query "));
    }
}
