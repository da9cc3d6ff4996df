package dev.bulwark.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with fixed-width columns: a header, a rule of dashes under it, then the rows.
 * Columns are separated by two spaces and as wide as their widest cell; numbers are best aligned
 * right. Trailing spaces are dropped.
 */
final class TextTable {

    /** How a column aligns its cells. */
    enum Align { LEFT, RIGHT }

    private final String indent;
    private final List<String> headers = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String indent) {
        this.indent = indent;
    }

    /** Adds a column; columns must all be added before the first row. */
    TextTable column(String header, Align align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns must be added before rows");
        }
        headers.add(header);
        aligns.add(align);
        return this;
    }

    /** Adds a row with one cell per column; {@code null} cells print empty. */
    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null ? "" : cells[i];
        }
        rows.add(copy);
        return this;
    }

    /** The table, each line ending in a line feed. */
    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), widths);
        String[] dashes = new String[widths.length];
        for (int c = 0; c < widths.length; c++) {
            dashes[c] = "-".repeat(widths[c]);
        }
        line(out, dashes, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            if (aligns.get(c) == Align.RIGHT) {
                line.append(pad).append(cells[c]);
            } else {
                line.append(cells[c]).append(pad);
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }
}
