package org.opudfa.dfa.task.recsys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Feed;

/**
 * Batches of consecutive records of a line range of a click log, streamed from the file: each
 * batch puts the records' ids under {@link #IDS}, their labels under {@link #CLICKS} and, when the
 * log has a side file of true click probabilities (generated logs), those under
 * {@link #PROBABILITIES}. Records are served in file order (a log is in time order, and a
 * generated one is drawn i.i.d.), the last batch of an epoch is smaller when the epoch is not a
 * multiple of the batch size. An epoch is one pass over the range, or a set number of records
 * ({@code recordsPerEpoch}) that continues where the previous epoch stopped and wraps around at
 * the end of the range, so that a large log is evaluated every so many records rather than only
 * after a whole pass.
 *
 * <p>Memory: the file is read through one fixed buffer per open file ({@link LineReader}), opened
 * at the start of an epoch and closed at its end; a batch holds its own records only.
 *
 * <p>Read-ahead: once a batch is served, the next batch of the same epoch is read and parsed on a
 * reader thread while the caller trains on this one (two batch buffers, swapped). The batches are
 * the same records in the same order as a read on the calling thread; a malformed line is
 * reported by the {@link #next} call that would have served it.
 *
 * <p>Exact resume: {@link #saveState()} is the number of epochs done and of records served in the
 * current one (no generator state); {@link #restoreState} continues at that record, found through
 * the file's line index (record {@code (epoch·recordsPerEpoch + position) mod range}).
 */
public final class ClickLogBatches implements BatchSource {

    /** The batch's ids, one per field per record. */
    public static final Feed.Key<FieldIds> IDS = Feed.Key.of("field ids", FieldIds.class);
    /** The batch's labels, rows × 1, 0 or 1. */
    public static final Feed.Key<FMatrixRMaj> CLICKS = Feed.Key.of("clicks", FMatrixRMaj.class);
    /** The batch's true click probabilities, rows × 1 (generated logs only). */
    public static final Feed.Key<FMatrixRMaj> PROBABILITIES = Feed.Key.of("click probabilities", FMatrixRMaj.class);

    private final ClickLogFile log;
    private final ClickLogFile probabilities;
    private final ClickVocabulary vocabulary;
    private final long from;
    private final long to;
    private final int batchSize;
    private final long perEpoch;
    /** the reader thread's shared pool: daemon threads, ended after a minute without work */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "click-log-reader");
        t.setDaemon(true);
        return t;
    });

    /** read by whichever thread reads a batch: the caller, or the reader while {@link #ahead} is pending */
    private ClickLogCursor cursor;
    private LineReader probabilityReader;
    private final ReadBatch[] read = new ReadBatch[2];
    /** the next batch, being read on the reader thread, or null */
    private Future<ReadBatch> ahead;
    private int nextBuffer;
    private long epoch;
    private long served;

    /**
     * @param log           the click log
     * @param probabilities its side file of true probabilities (same lines), or null
     * @param vocabulary    the vocabularies ids come from
     * @param from          first line of the range, from 0
     * @param to            one past its last line
     * @param batchSize     records per batch
     * @throws IllegalArgumentException if the range is empty or outside the file, the side file
     *     has another number of lines, or the batch size is not positive
     */
    public ClickLogBatches(ClickLogFile log, ClickLogFile probabilities, ClickVocabulary vocabulary, long from,
                           long to, int batchSize) {
        this(log, probabilities, vocabulary, from, to, batchSize, 0);
    }

    /**
     * @param log             the click log
     * @param probabilities   its side file of true probabilities (same lines), or null
     * @param vocabulary      the vocabularies ids come from
     * @param from            first line of the range, from 0
     * @param to              one past its last line
     * @param batchSize       records per batch
     * @param recordsPerEpoch records per epoch, continuing cyclically through the range; 0 for one
     *                        pass over the range
     * @throws IllegalArgumentException if the range is empty or outside the file, the side file
     *     has another number of lines, the batch size is not positive or the records per epoch negative
     */
    public ClickLogBatches(ClickLogFile log, ClickLogFile probabilities, ClickVocabulary vocabulary, long from,
                           long to, int batchSize, long recordsPerEpoch) {
        this.log = Objects.requireNonNull(log, "log");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        if (from < 0 || to > log.lines() || from >= to) {
            throw new IllegalArgumentException("lines [" + from + ", " + to + ") are not a non-empty range of "
                    + log.path() + ", which has " + log.lines() + " lines");
        }
        if (probabilities != null && probabilities.lines() != log.lines()) {
            throw new IllegalArgumentException("the probability file " + probabilities.path() + " has "
                    + probabilities.lines() + " lines, but the click log " + log.path() + " has " + log.lines());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        this.probabilities = probabilities;
        this.from = from;
        this.to = to;
        this.batchSize = batchSize;
        if (recordsPerEpoch < 0 || recordsPerEpoch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("records per epoch must be between 0 (a whole pass) and "
                    + Integer.MAX_VALUE + ", got " + recordsPerEpoch);
        }
        this.perEpoch = recordsPerEpoch == 0 ? to - from : recordsPerEpoch;
    }

    /** @return the number of records per epoch */
    public long records() {
        return perEpoch;
    }

    /** @return whether batches carry the true click probabilities */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /** @return the vocabularies the ids come from */
    public ClickVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public Feed newFeed() {
        Feed feed = new Feed().put(IDS, new FieldIds(ClickLogFormat.FIELDS, batchSize))
                .put(CLICKS, new FMatrixRMaj(batchSize, 1));
        if (probabilities != null) {
            feed.put(PROBABILITIES, new FMatrixRMaj(batchSize, 1));
        }
        return feed;
    }

    @Override
    public boolean next(Feed feed) {
        if (served >= perEpoch) {
            // nothing is read ahead here: the last batch of an epoch starts no read
            closeFiles();
            epoch++;
            served = 0;
            return false;
        }
        ReadBatch batch = ahead != null ? awaitReadAhead() : read(epoch, served, buffer());
        int rows = batch.rows;
        FieldIds ids = feed.get(IDS);
        FMatrixRMaj clicks = feed.get(CLICKS);
        ids.reshape(rows);
        clicks.reshape(rows, 1);
        System.arraycopy(batch.ids, 0, ids.ids(), 0, rows * ClickLogFormat.FIELDS);
        System.arraycopy(batch.clicks, 0, clicks.data, 0, rows);
        FMatrixRMaj p = probabilities == null ? null : feed.get(PROBABILITIES);
        if (p != null) {
            p.reshape(rows, 1);
            System.arraycopy(batch.probabilities, 0, p.data, 0, rows);
        }
        served += rows;
        if (served < perEpoch) {
            long e = epoch;
            long s = served;
            ReadBatch into = buffer();
            ahead = READERS.submit(() -> read(e, s, into));
        }
        return true;
    }

    /** @return the batch buffer not handed out last, created on first use */
    private ReadBatch buffer() {
        int b = nextBuffer;
        nextBuffer ^= 1;
        if (read[b] == null) {
            read[b] = new ReadBatch(batchSize, probabilities != null);
        }
        return read[b];
    }

    /**
     * Reads the batch that starts at record {@code served} of epoch {@code epoch} into {@code into},
     * moving the open files there if they are elsewhere.
     */
    private ReadBatch read(long epoch, long served, ReadBatch into) {
        long n = to - from;
        // where this epoch's records start: epochs continue cyclically through the range
        long line = from + Math.floorMod(epoch * perEpoch + served, n);
        if (cursor == null || cursor.line() != line) {
            closeFiles();
            openAt(line);
        }
        int rows = (int) Math.min(batchSize, perEpoch - served);
        for (int r = 0; r < rows; r++) {
            if (line == to) {
                closeFiles();
                line = from;
                openAt(line);
            }
            ClickRecord record = cursor.next();
            vocabulary.ids(record, into.ids, r * ClickLogFormat.FIELDS);
            into.clicks[r] = record.label;
            if (into.probabilities != null) {
                into.probabilities[r] = probability(line);
            }
            line++;
        }
        into.rows = rows;
        return into;
    }

    /** @return the batch read ahead, rethrowing on this thread what its read threw */
    private ReadBatch awaitReadAhead() {
        Future<ReadBatch> pending = ahead;
        ahead = null;
        try {
            return pending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("reading " + log.path() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + log.path(), e);
        }
    }

    /** Waits for a batch being read ahead, if any, and drops it (and anything its read threw). */
    private void settleReadAhead() {
        if (ahead == null) {
            return;
        }
        try {
            awaitReadAhead();
        } catch (RuntimeException e) {
            // dropped with the batch: the records will be read again where they are next served
        }
    }

    private void openAt(long line) {
        cursor = new ClickLogCursor(log, line);
        if (probabilities != null) {
            probabilityReader = new LineReader(probabilities.path(), null);
            probabilities.seek(probabilityReader, line);
        }
    }

    private void closeFiles() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
        if (probabilityReader != null) {
            probabilityReader.close();
            probabilityReader = null;
        }
    }

    private float probability(long line) {
        LineReader reader = probabilityReader;
        reader.next(line + 1);
        int s = reader.lineStart();
        int e = reader.lineEnd();
        if (e > s && reader.buffer()[e - 1] == '\r') {
            e--;
        }
        String text = new String(reader.buffer(), s, Math.min(e - s, 64), StandardCharsets.ISO_8859_1);
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            v = Double.NaN;
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("line " + (line + 1) + " of " + probabilities.path() + " is \"" + text
                    + "\", but a click probability must be a number in [0, 1]");
        }
        return (float) v;
    }

    @Override
    public int batchesPerEpoch() {
        return (int) ((perEpoch + batchSize - 1) / batchSize);
    }

    @Override
    public int items(Feed feed) {
        return feed.get(IDS).rows();
    }

    @Override
    public String itemName() {
        return "samples";
    }

    @Override
    public MiniBatches.State saveState() {
        return new MiniBatches.State(epoch, (int) served, new byte[0]);
    }

    @Override
    public void restoreState(MiniBatches.State state) {
        if (state.position() > perEpoch) {
            throw new IllegalArgumentException("the saved position " + state.position() + " is past the "
                    + perEpoch + " records of an epoch of this click log");
        }
        settleReadAhead();
        closeFiles();
        epoch = state.epoch();
        served = state.position();
    }

    /** A batch as read from the file: the ids, labels and (if any) probabilities of its records. */
    private static final class ReadBatch {
        final int[] ids;
        final float[] clicks;
        final float[] probabilities;
        int rows;

        ReadBatch(int capacity, boolean withProbabilities) {
            ids = new int[capacity * ClickLogFormat.FIELDS];
            clicks = new float[capacity];
            probabilities = withProbabilities ? new float[capacity] : null;
        }
    }
}
