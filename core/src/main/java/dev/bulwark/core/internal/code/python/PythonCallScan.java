package dev.bulwark.core.internal.code.python;

import static dev.bulwark.core.internal.code.python.PythonRules.PYTHON_CODE;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.TokenScan;

/**
 * Token-level checks over a value read as Python: {@code __import__(...)} and calls of command
 * or code functions on their modules ({@code os.system(}, {@code subprocess.Popen(}). One lexer pass.
 */
final class PythonCallScan extends TokenScan {

    /** Python modules whose functions run commands or code, with those functions. */
    private static final Lexicon PYTHON_MODULES = Lexicon.of("os", "subprocess", "commands", "pty", "posix",
            "nt", "builtins", "__builtins__", "__builtin__", "importlib", "pickle", "cPickle", "marshal",
            "shutil", "sys", "platform", "socket", "code", "runpy", "ctypes");
    private static final Lexicon PYTHON_CALLS = Lexicon.of("system", "popen", "popen2", "popen3", "popen4",
            "spawn", "spawnl", "spawnlp", "spawnv", "spawnvp", "execl", "execle", "execlp", "execv", "execve",
            "execvp", "execvpe", "fork", "forkpty", "kill", "remove", "unlink", "rmdir", "rmtree",
            "Popen", "call", "run", "check_call", "check_output", "getoutput", "getstatusoutput",
            "import_module", "loads", "load", "eval", "exec", "compile", "open", "__import__", "modules",
            "interact", "run_module", "run_path", "CDLL", "listdir", "walk", "getenv", "putenv",
            "environ");

    PythonCallScan(String s, Findings findings) {
        super(s, findings);
    }

    @Override
    protected void onToken() {
        if (lex.type == CodeLexer.IDENT) {
            if (window.isPunct(0, '.') && window.type(1) == CodeLexer.IDENT) {
                moduleCall(window.start(1), window.end(1), lex.start, lex.end);
            }
        } else if (lex.isPunct('(') && window.type(0) == CodeLexer.IDENT
                && Ascii.rangeEquals(s, window.start(0), window.end(0), "__import__")) {
            findings.report(PYTHON_CODE, window.start(0), lex.end);
        }
    }

    /** {@code module.function(}: a lower-case module name, called at once. */
    private void moduleCall(int ra, int rb, int a, int b) {
        if (lex.charAfter() == '(' && PYTHON_MODULES.contains(s, ra, rb) && PYTHON_CALLS.contains(s, a, b)
                && Ascii.isLetter(s.charAt(ra)) && Character.isLowerCase(s.charAt(ra))) {
            findings.report(PYTHON_CODE, ra, b + 1);
        }
    }
}
