package org.opudfa.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people reading stdout: columns whose cells are all numbers (or empty,
 * or "-") are right-aligned, text columns left-aligned.
 */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row of already formatted cells, one per column. */
    void add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalStateException("row has " + cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    /** Prints the header, a rule and every row. */
    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        boolean[] left = new boolean[widths.length];
        for (int c = 0; c < widths.length; c++) {
            for (List<String> row : rows) {
                left[c] |= !numeric(row.get(c));
            }
        }
        out.println(line(header, widths, left));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths, left));
        }
        out.flush();
    }

    /** Formats one row with the given column widths; {@code left[c]} left-aligns column c. */
    static String line(List<String> cells, int[] widths, boolean[] left) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(Math.max(0, widths[c] - cell.length()));
            sb.append(c == 0 ? "" : "  ");
            if (left[c]) {
                sb.append(cell).append(c == cells.size() - 1 ? "" : pad);
            } else {
                sb.append(pad).append(cell);
            }
        }
        return sb.toString();
    }

    private static boolean numeric(String cell) {
        if (cell.isEmpty() || cell.equals("-")) {
            return true;
        }
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
