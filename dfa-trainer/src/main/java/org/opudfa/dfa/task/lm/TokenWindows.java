package org.opudfa.dfa.task.lm;

import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Batches of windows of a token stream for next-token prediction: a window of {@code C} tokens
 * {@code x_s … x_{s+C−1}} is the input and {@code x_{s+1} … x_{s+C}} its targets, one row per
 * token ({@link #TOKENS}, {@link #NEXT_TOKENS}); a batch holds {@code B} windows, laid out as
 * {@link #SEQUENCES}.
 *
 * <ul>
 *   <li>{@link #random Training}: each window starts at a position drawn uniformly from
 *       {@code [0, n − C − 1]} by a seeded generator, {@code B} draws per batch; an epoch is a
 *       fixed number of batches. The state saved for a checkpoint is the epoch, the batches served
 *       in it and the generator's current state, so a run resumed from any point, mid-epoch
 *       included, sees exactly the windows the uninterrupted run would have seen (and any other
 *       draws made from the same generator between batches, such as dropout masks).</li>
 *   <li>{@link #covering Evaluation}: windows at {@code 0, C, 2C, …} in order, the last one moved
 *       back to end at the last token, with the targets the previous window already covered
 *       marked {@link Labels#IGNORE}: every token from the second on is predicted exactly once.
 *       The last batch may hold fewer windows.</li>
 * </ul>
 */
public final class TokenWindows implements BatchSource {

    /** The input token ids, one per row. */
    public static final Feed.Key<Labels> TOKENS = Feed.Key.of("tokens", Labels.class);
    /** The next token of each row, the target ({@link Labels#IGNORE} where not predicted). */
    public static final Feed.Key<Labels> NEXT_TOKENS = Feed.Key.of("next tokens", Labels.class);
    /** How the rows form windows. */
    public static final Feed.Key<Sequences> SEQUENCES = Feed.Key.of("sequences", Sequences.class);

    private final int[] tokens;
    private final int context;
    private final int batchSize;
    private final RestorableUniformRandomProvider rng;
    private final int windows;
    private final int batchesPerEpoch;
    private long epoch;
    private int position;

    private TokenWindows(byte[] text, int context, int batchSize, RestorableUniformRandomProvider rng,
                         int batchesPerEpoch) {
        Objects.requireNonNull(text, "text");
        if (context < 1) {
            throw new IllegalArgumentException("the context must be at least 1 token, got " + context);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1 window, got " + batchSize);
        }
        if (text.length < context + 1) {
            throw new IllegalArgumentException("a window of " + context + " tokens and its next token need "
                    + (context + 1) + " tokens of text, got " + text.length);
        }
        this.tokens = new int[text.length];
        for (int i = 0; i < text.length; i++) {
            tokens[i] = text[i] & 0xff;
        }
        this.context = context;
        this.batchSize = batchSize;
        this.rng = rng;
        this.windows = (text.length - 1 + context - 1) / context;
        this.batchesPerEpoch = rng == null ? (windows + batchSize - 1) / batchSize : batchesPerEpoch;
    }

    /**
     * @param text            the token stream (bytes)
     * @param context         C, tokens per window, at least 1
     * @param batchSize       B, windows per batch, at least 1
     * @param batchesPerEpoch batches per epoch, at least 1
     * @param rng             the seeded generator the window starts are drawn from; held
     * @return a training source of randomly placed windows
     * @throws IllegalArgumentException if a size is out of range or the text is shorter than a window
     */
    public static TokenWindows random(byte[] text, int context, int batchSize, int batchesPerEpoch,
                                      RestorableUniformRandomProvider rng) {
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("an epoch must have at least 1 batch, got " + batchesPerEpoch);
        }
        return new TokenWindows(text, context, batchSize, Objects.requireNonNull(rng, "rng"), batchesPerEpoch);
    }

    /**
     * @param text      the token stream (bytes)
     * @param context   C, tokens per window, at least 1
     * @param batchSize B, windows per batch, at least 1
     * @return an evaluation source whose epoch predicts every token but the first once, in order
     * @throws IllegalArgumentException if a size is out of range or the text is shorter than a window
     */
    public static TokenWindows covering(byte[] text, int context, int batchSize) {
        return new TokenWindows(text, context, batchSize, null, 0);
    }

    /**
     * @param trainTokens the training text's length
     * @param context     tokens per window
     * @param batchSize   windows per batch
     * @return the batches that see as many target tokens as the text holds: one pass in
     *     expectation, at least 1
     */
    public static int batchesForOnePass(int trainTokens, int context, int batchSize) {
        return (int) Math.max(1, (long) trainTokens / ((long) context * batchSize));
    }

    /** @return C, the tokens per window */
    public int context() {
        return context;
    }

    /** @return the number of tokens in the stream */
    public int length() {
        return tokens.length;
    }

    @Override
    public Feed newFeed() {
        int rows = batchSize * context;
        return new Feed().put(TOKENS, new Labels(rows)).put(NEXT_TOKENS, new Labels(rows))
                .put(SEQUENCES, new Sequences());
    }

    @Override
    public boolean next(Feed feed) {
        if (position >= batchesPerEpoch) {
            epoch++;
            position = 0;
            return false;
        }
        Labels in = feed.get(TOKENS);
        Labels out = feed.get(NEXT_TOKENS);
        int count = rng == null ? Math.min(batchSize, windows - position * batchSize) : batchSize;
        int rows = count * context;
        in.resize(rows);
        out.resize(rows);
        int[] x = in.ids();
        int[] y = out.ids();
        for (int b = 0; b < count; b++) {
            int start;
            int covered;
            if (rng == null) {
                int w = position * batchSize + b;
                start = Math.min(w * context, tokens.length - 1 - context);
                covered = w * context;
            } else {
                start = rng.nextInt(tokens.length - context);
                covered = -1;
            }
            int row = b * context;
            for (int t = 0; t < context; t++) {
                x[row + t] = tokens[start + t];
                int target = start + t + 1;
                y[row + t] = target > covered ? tokens[target] : Labels.IGNORE;
            }
        }
        feed.get(SEQUENCES).set(count, context);
        position++;
        return true;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** @return the number of target tokens of the batch (those not {@link Labels#IGNORE}) */
    @Override
    public int items(Feed feed) {
        Labels out = feed.get(NEXT_TOKENS);
        int n = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) != Labels.IGNORE) {
                n++;
            }
        }
        return n;
    }

    /** @return {@code "tokens"} */
    @Override
    public String itemName() {
        return "tokens";
    }

    /**
     * @return the epochs completed, the batches served in the current epoch and the generator's
     *     state now (empty for an evaluation source)
     */
    @Override
    public MiniBatches.State saveState() {
        byte[] state = rng == null ? new byte[0] : ((RandomProviderDefaultState) rng.saveState()).getState();
        return new MiniBatches.State(epoch, position, state);
    }

    @Override
    public void restoreState(MiniBatches.State state) {
        if (state.position() > batchesPerEpoch) {
            throw new IllegalArgumentException("the saved position, batch " + state.position()
                    + ", is beyond the " + batchesPerEpoch + " batches of an epoch");
        }
        byte[] bytes = state.rngState();
        if (rng == null) {
            if (bytes.length != 0) {
                throw new IllegalArgumentException("an evaluation source has no generator state to restore, got "
                        + bytes.length + " bytes");
            }
        } else {
            try {
                rng.restoreState(new RandomProviderDefaultState(bytes));
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the saved generator state (" + bytes.length
                        + " bytes) does not fit the window generator: " + e.getMessage(), e);
            }
        }
        epoch = state.epoch();
        position = state.position();
    }
}
