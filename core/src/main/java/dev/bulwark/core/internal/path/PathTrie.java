package dev.bulwark.core.internal.path;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A static trie of lower-case path entries, matched at one position in time proportional to the
 * match, not to the number of entries. In entries, {@code /} matches either separator. An entry
 * that ends in {@code /} is a directory and matches anything below it; any other entry must be
 * followed by a character that cannot continue a file name (not a letter, digit or {@code _}).
 */
final class PathTrie {

    private final char[] label;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final boolean[] terminal;
    /** Children of the root by ASCII character, for the first step. */
    private final int[] rootChildren = new int[128];

    PathTrie(String... entries) {
        List<Character> labels = new ArrayList<>();
        List<Integer> children = new ArrayList<>();
        List<Integer> siblings = new ArrayList<>();
        List<Boolean> terminals = new ArrayList<>();
        labels.add('\0');
        children.add(-1);
        siblings.add(-1);
        terminals.add(false);
        for (String entry : entries) {
            int node = 0;
            for (int i = 0; i < entry.length(); i++) {
                char c = entry.charAt(i);
                int child = children.get(node);
                while (child >= 0 && labels.get(child) != c) {
                    child = siblings.get(child);
                }
                if (child < 0) {
                    child = labels.size();
                    labels.add(c);
                    children.add(-1);
                    siblings.add(children.get(node));
                    terminals.add(false);
                    children.set(node, child);
                }
                node = child;
            }
            terminals.set(node, true);
        }
        int size = labels.size();
        label = new char[size];
        firstChild = new int[size];
        nextSibling = new int[size];
        terminal = new boolean[size];
        for (int i = 0; i < size; i++) {
            label[i] = labels.get(i);
            firstChild[i] = children.get(i);
            nextSibling[i] = siblings.get(i);
            terminal[i] = terminals.get(i);
        }
        Arrays.fill(rootChildren, -1);
        for (int child = firstChild[0]; child >= 0; child = nextSibling[child]) {
            rootChildren[label[child]] = child;
        }
    }

    /** Length of the shortest entry matching at {@code start}, or 0. */
    int match(CharSequence text, int start) {
        int length = text.length();
        if (start >= length) {
            return 0;
        }
        char first = normalize(text.charAt(start));
        if (first >= 128) {
            return 0;
        }
        int node = rootChildren[first];
        int i = start + 1;
        while (node >= 0) {
            if (terminal[node]) {
                if (label[node] == '/' || i >= length || !continuesName(text.charAt(i))) {
                    return i - start;
                }
            }
            if (i >= length) {
                return 0;
            }
            char c = normalize(text.charAt(i));
            int child = firstChild[node];
            while (child >= 0 && label[child] != c) {
                child = nextSibling[child];
            }
            node = child;
            i++;
        }
        return 0;
    }

    private static char normalize(char c) {
        return c == '\\' ? '/' : Ascii.lower(c);
    }

    private static boolean continuesName(char c) {
        return Ascii.isAlnum(c) || c == '_';
    }
}
