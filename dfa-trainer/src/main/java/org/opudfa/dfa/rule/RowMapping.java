package org.opudfa.dfa.rule;

/**
 * How the rows of the projected error (one per item of the error point) become the rows of a
 * feedback signal (one per item of the feedback point), when the two points do not hold the same
 * items (DESIGN §7). With {@code E} error rows and {@code F} feedback rows:
 * <ul>
 *   <li>{@code F = E}: row r of the signal is row r of the projection (a sample, a token, a node,
 *       a point on a ray at both points: the usual case);</li>
 *   <li>{@code F = k·E}: <em>tile</em> — each error row serves the k consecutive feedback rows
 *       {@code r·k … r·k + k − 1} (an error per sequence feeding a point per token);</li>
 *   <li>{@code E = k·F}: <em>group-sum</em> — feedback row r gets the sum of the k consecutive
 *       projected rows {@code r·k … r·k + k − 1} (an error per token feeding a point per sequence;
 *       a sum, as the gradient of a tiled tensor is);</li>
 *   <li>anything else is an error.</li>
 * </ul>
 */
public final class RowMapping {

    private RowMapping() {
    }

    /**
     * Writes {@code signal[r, j] = scale · (mapped projection)[r, offset + j]} for {@code j < width}.
     *
     * @param projection    the projected error, errorRows × stride, row-major
     * @param errorRows     E
     * @param stride        the projection's columns
     * @param offset        the first column taken
     * @param width         the columns taken (the feedback point's width)
     * @param scale         the factor applied
     * @param signal        output, feedbackRows × width, row-major
     * @param feedbackRows  F
     * @throws IllegalArgumentException if neither row count is a multiple of the other
     */
    public static void fill(float[] projection, int errorRows, int stride, int offset, int width, float scale,
                            float[] signal, int feedbackRows) {
        if (feedbackRows == errorRows) {
            for (int r = 0; r < feedbackRows; r++) {
                copyScaled(projection, r * stride + offset, signal, r * width, width, scale);
            }
        } else if (errorRows > 0 && feedbackRows % errorRows == 0) {
            int k = feedbackRows / errorRows;
            for (int r = 0; r < feedbackRows; r++) {
                copyScaled(projection, (r / k) * stride + offset, signal, r * width, width, scale);
            }
        } else if (feedbackRows > 0 && errorRows % feedbackRows == 0) {
            int k = errorRows / feedbackRows;
            for (int r = 0; r < feedbackRows; r++) {
                int dst = r * width;
                for (int j = 0; j < width; j++) {
                    float sum = 0f;
                    for (int i = 0; i < k; i++) {
                        sum += projection[(r * k + i) * stride + offset + j];
                    }
                    signal[dst + j] = scale * sum;
                }
            }
        } else {
            throw new IllegalArgumentException("a feedback point of " + feedbackRows + " rows cannot take the error of "
                    + errorRows + " rows: one count must be a multiple of the other (tile or group-sum)");
        }
    }

    /**
     * {@code to[dst + j] = scale · from[src + j]} for {@code j < width}, as a copy and then a
     * product in place: the JIT compiler vectorises both, where a loop reading one array at one
     * offset and writing another at another stays scalar (the arrays might be the same), which
     * made the copy several times slower than the memory it moves. The same products, bit for bit.
     */
    private static void copyScaled(float[] from, int src, float[] to, int dst, int width, float scale) {
        System.arraycopy(from, src, to, dst, width);
        for (int j = dst; j < dst + width; j++) {
            to[j] *= scale;
        }
    }
}
