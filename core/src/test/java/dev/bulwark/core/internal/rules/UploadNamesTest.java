package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.code.java.JavaAttackDetector;
import dev.bulwark.core.internal.code.php.PhpInjectionDetector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upload names read as servers read them, for the JSP and PHP upload rules and the PATH ones. */
class UploadNamesTest {

    private final JavaAttackDetector java = new JavaAttackDetector();
    private final PhpInjectionDetector php = new PhpInjectionDetector();

    private static boolean lastExtensionIsJsp(String name) {
        return UploadNames.hasExtension(name, (s, from, to) -> s.substring(from, to).equalsIgnoreCase("jsp"), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell.jsp", "shell.jsp;.png", "x.jsp::$DATA", "x.jsp%00.png", "x.jsp\u0000.png", "x.jsp.",
        "x.jsp ", "dir/x.jsp;jsessionid=1", "C:\\up\\x.JSP", "x.jsp/", "x.jsp\\\\", "dir/x.jsp//"})
    void endsTheNameWhereServersEndIt(String name) {
        assertThat(lastExtensionIsJsp(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.jsp/", "dir/x.jsp\\"})
    void baseNameIgnoresTrailingSeparatorsJavaFileApisDrop(String name) {
        assertThat(name.substring(UploadNames.baseNameStart(name))).startsWith("x.jsp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.jsp.png", "x.png", "jsp", "x.jspx.txt", "notes;x.jsp.txt", "x.jsp/notes.txt", "/", ""})
    void readsTheLastExtensionOfOrdinaryNames(String name) {
        assertThat(lastExtensionIsJsp(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell.jsp;.png", "x.jsp::$DATA", "x.jspx%00.gif"})
    void blocksJspUploadHiddenBehindSemicolonStreamOrNul(String name) {
        assertThat(Scans.fileName(java, name)).contains("JAVA-JSP-UPLOAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell.php;.jpg", "x.phtml::$DATA"})
    void blocksPhpUploadHiddenBehindSemicolonOrStream(String name) {
        assertThat(Scans.fileName(php, name)).contains("PHP-SCRIPT-UPLOAD");
    }
}
