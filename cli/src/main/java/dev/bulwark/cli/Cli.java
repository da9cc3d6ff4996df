package dev.bulwark.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/** The entry point of {@code bulwark-cli.jar}. */
public final class Cli {

    static final String USAGE = """
            usage: java -jar bulwark-cli.jar suggest [options] FILE...   suggested exceptions (suggest --help)
            """;

    private Cli() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, Path.of(""));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Path workingDir) {
        if (args.length == 0) {
            err.print(USAGE);
            return SuggestCommand.USAGE_ERROR;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "suggest" -> SuggestCommand.run(rest, out, err, workingDir);
            case "-h", "--help", "help" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("error: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield SuggestCommand.USAGE_ERROR;
            }
        };
    }
}
