package dev.bulwark.core.internal.rules;

/** Links the rules of this package give for the weakness they guard against. */
public final class References {

    private References() {}

    /** The MITRE page of weakness {@code CWE-number}. */
    public static String cwe(int number) {
        return "https://cwe.mitre.org/data/definitions/" + number + ".html";
    }
}
