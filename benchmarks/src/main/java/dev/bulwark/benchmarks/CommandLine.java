package dev.bulwark.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a command in {@code benchmarks.jar}: options, each {@code --name value} or
 * {@code --name=value} and each as often as it is given, and the words that are not options.
 *
 * @param values the values of each option given, by name, in order
 * @param operands the words that are not options, in order
 * @param help whether {@code -h} or {@code --help} was given
 */
record CommandLine(Map<String, List<String>> values, List<String> operands, boolean help) {

    /**
     * Reads {@code args}, whose options are among {@code options}.
     *
     * @throws IllegalArgumentException for an option not among them or without its value
     */
    static CommandLine parse(String[] args, Set<String> options) {
        Map<String, List<String>> values = new HashMap<>();
        List<String> operands = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
            } else if (!arg.startsWith("-")) {
                operands.add(arg);
            } else if (!options.contains(arg)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            } else if (value == null && i + 1 == args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            } else {
                values.computeIfAbsent(arg, name -> new ArrayList<>()).add(value != null ? value : args[++i]);
            }
        }
        Map<String, List<String>> frozen = new HashMap<>();
        values.forEach((name, given) -> frozen.put(name, List.copyOf(given)));
        return new CommandLine(Map.copyOf(frozen), List.copyOf(operands), help);
    }

    /** The last value of {@code option}, or {@code fallback} when it was not given. */
    String value(String option, String fallback) {
        List<String> given = values.get(option);
        return given == null ? fallback : given.get(given.size() - 1);
    }

    /** Every value of {@code option}, in order; empty when it was not given. */
    List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }

    /** The last value of {@code option} as a whole number of at least {@code min}, or {@code fallback}. */
    int count(String option, int fallback, int min) {
        String value = value(option, null);
        return value == null ? fallback : count(option, value, min);
    }

    /**
     * {@code value} of {@code option} as a whole number of at least {@code min}.
     *
     * @throws IllegalArgumentException naming the option when the value is missing, not a number or too small
     */
    static int count(String option, String value, int min) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + value + "'", e);
        }
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", was " + n);
        }
        return n;
    }
}
