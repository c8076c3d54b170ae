package org.opudfa.dfa.io;

/**
 * Text quoted from user input into an error message: a message is one sentence, so a value read
 * from a file (a CSV cell of ten million digits, a JSON list of a million numbers) is shown by its
 * beginning only.
 */
public final class MessageText {

    /** The most characters of a quoted value shown in a message, before the ellipsis. */
    public static final int QUOTE_LIMIT = 40;

    /** What marks a shortened value; plain ASCII, as a terminal in any locale shows it. */
    public static final String ELLIPSIS = "...";

    private MessageText() {
    }

    /**
     * @param text any text, possibly null
     * @return {@code text} itself when it has at most {@link #QUOTE_LIMIT} characters, else its
     *     first {@link #QUOTE_LIMIT} characters followed by {@link #ELLIPSIS}; control characters
     *     (line breaks, tabs, terminal escapes) become spaces so that the message stays one line
     *     and prints as it reads; {@code "null"} for null
     */
    public static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        int end = text.length();
        if (end > QUOTE_LIMIT) {
            // never cut a character outside the basic plane in half
            end = Character.isHighSurrogate(text.charAt(QUOTE_LIMIT - 1)) ? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
        }
        StringBuilder shown = new StringBuilder(end + ELLIPSIS.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            shown.append(Character.isISOControl(c) ? ' ' : c);
        }
        return end < text.length() ? shown.append(ELLIPSIS).toString() : shown.toString();
    }

    /**
     * @param items words or names, in order
     * @return them as a sentence lists them: {@code "a"}, {@code "a and b"}, {@code "a, b and c"}
     *     (empty for none)
     */
    public static String inWords(java.util.Collection<String> items) {
        java.util.List<String> list = new java.util.ArrayList<>(items);
        if (list.size() <= 1) {
            return String.join("", list);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }
}
