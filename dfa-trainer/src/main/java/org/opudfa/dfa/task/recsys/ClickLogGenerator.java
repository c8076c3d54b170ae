package org.opudfa.dfa.task.recsys;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.dfa.metric.Auc;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Writes a click log in the Criteo format drawn from a {@link ClickModel}: {@link #LOG_FILE} (one
 * record per line) and its side file {@link #PROBABILITY_FILE} (each record's true click
 * probability, one per line, in the same order), so that the Bayes-optimal AUC of any part of the
 * log is known. The model's parameters come from the stream {@code "clicks.model"} of the seed and
 * the records from {@code "clicks.records"}: a seed and a size fix the files byte for byte.
 *
 * <p>Both files are written to temporary files and renamed into place, so a reader never sees half
 * a log. Memory does not grow with the number of rows, but for the probabilities of the test part
 * (the last {@link #TEST_FRACTION} of the records), kept to report its Bayes-optimal AUC.
 */
public final class ClickLogGenerator {

    /** The log's file name, as Criteo's. */
    public static final String LOG_FILE = "train.txt";
    /** The side file's name. */
    public static final String PROBABILITY_FILE = "train.probability.txt";
    /** The file {@link #cached} records a generation's settings and figures in. */
    public static final String SUMMARY_FILE = "generation.txt";
    /** The part of the records, at the end, that a split by position tests on. */
    public static final double TEST_FRACTION = 0.1;

    /**
     * What a generation wrote.
     *
     * @param log           the log file
     * @param probabilities the side file
     * @param rows          records written
     * @param clickRate     the fraction of records labelled 1
     * @param testBayesAuc  the AUC of the true probabilities on the last {@link #TEST_FRACTION} of the records
     */
    public record Summary(Path log, Path probabilities, long rows, double clickRate, double testBayesAuc) {
    }

    private ClickLogGenerator() {
    }

    /**
     * @param data a click log
     * @return where its side file of true probabilities would be: {@code NAME.probability.txt} beside
     *     it for {@code NAME.txt}, else {@code NAME.probability.txt} with the full name
     */
    public static Path probabilityFile(Path data) {
        String name = data.getFileName().toString();
        String stem = name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
        return data.resolveSibling(stem + ".probability.txt");
    }

    /**
     * Generates a log.
     *
     * @param folder         where to write (created if missing)
     * @param rows           records, at least 10
     * @param seed           the seed
     * @param maxCardinality the most values of a categorical field
     * @param clickRate      the mean click probability
     * @return what was written
     * @throws IllegalArgumentException if a value is out of range
     * @throws UncheckedIOException     if the files cannot be written
     */
    public static Summary generate(Path folder, long rows, long seed, int maxCardinality, double clickRate) {
        return generate(folder, rows, seed, maxCardinality, clickRate, ClickModel.NONLINEAR_WEIGHT);
    }

    /**
     * Generates a log from a click model with a given weight of its nonlinear term.
     *
     * @param folder         where to write (created if missing)
     * @param rows           records, at least 10
     * @param seed           the seed
     * @param maxCardinality the most values of a categorical field
     * @param clickRate      the mean click probability
     * @param nonlinearity   c, the weight of the click model's nonlinear term ({@link ClickModel})
     * @return what was written
     * @throws IllegalArgumentException if a value is out of range
     * @throws UncheckedIOException     if the files cannot be written
     */
    public static Summary generate(Path folder, long rows, long seed, int maxCardinality, double clickRate,
                                   double nonlinearity) {
        if (rows < 10) {
            throw new IllegalArgumentException("a generated click log needs at least 10 rows (to split 80/10/10), got "
                    + rows);
        }
        RandomStreams streams = RandomStreams.of(seed);
        ClickModel model = new ClickModel(maxCardinality, clickRate, nonlinearity, streams.stream("clicks.model"));
        UniformRandomProvider rng = streams.stream("clicks.records");
        Path log = folder.resolve(LOG_FILE);
        Path side = folder.resolve(PROBABILITY_FILE);
        long testStart = rows - Math.round(rows * TEST_FRACTION);
        int testRows = (int) (rows - testStart);
        FMatrixRMaj testProbabilities = new FMatrixRMaj(testRows, 1);
        FMatrixRMaj testLabels = new FMatrixRMaj(testRows, 1);
        long[] clicks = new long[1];
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + folder + ": " + e.getMessage(), e);
        }
        // The side file is written in the same pass through a second stream; it is moved into place
        // only after the log, so a side file never describes another log.
        Path sideTemp;
        try {
            sideTemp = Files.createTempFile(folder, "." + PROBABILITY_FILE, ".partial");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + side + ": " + e.getMessage(), e);
        }
        try (OutputStream sideOut = new BufferedOutputStream(Files.newOutputStream(sideTemp), 1 << 16)) {
            AtomicFiles.write(log, raw -> {
                OutputStream out = new BufferedOutputStream(raw, 1 << 16);
                ClickModel.Draw draw = new ClickModel.Draw(rng);
                byte[] line = new byte[1024];
                for (long r = 0; r < rows; r++) {
                    model.sample(draw);
                    int n = format(draw, line);
                    out.write(line, 0, n);
                    sideOut.write(Float.toString((float) draw.probability).getBytes(StandardCharsets.US_ASCII));
                    sideOut.write('\n');
                    clicks[0] += draw.label;
                    if (r >= testStart) {
                        testProbabilities.data[(int) (r - testStart)] = (float) draw.probability;
                        testLabels.data[(int) (r - testStart)] = draw.label;
                    }
                }
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + side + ": " + e.getMessage(), e);
        }
        try {
            Files.move(sideTemp, side, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + side + ": " + e.getMessage(), e);
        }
        Feed.Key<FMatrixRMaj> labels = Feed.Key.of("labels", FMatrixRMaj.class);
        Auc auc = new Auc(labels);
        auc.add(testProbabilities, new Feed().put(labels, testLabels));
        return new Summary(log, side, rows, clicks[0] / (double) rows, auc.value());
    }

    /**
     * The log in {@code folder} if a generation with these settings left it there, else a new one.
     * A summary file beside the log records the settings and the figures; the log and its side
     * file are reused only when the summary says they were made with the same settings. Runs in
     * one process (an experiment's points trained at once) take turns, so the first generates and
     * the others reuse its log.
     *
     * @param folder         where the log is or goes
     * @param rows           records
     * @param seed           the seed
     * @param maxCardinality the most values of a categorical field
     * @param clickRate      the mean click probability
     * @param nonlinearity   c, the weight of the click model's nonlinear term
     * @return what is there
     */
    public static synchronized Summary cached(Path folder, long rows, long seed, int maxCardinality,
                                              double clickRate, double nonlinearity) {
        Path summary = folder.resolve(SUMMARY_FILE);
        String key = String.format(Locale.ROOT, "rows=%d seed=%d maxCardinality=%d clickRate=%s model=%d%s", rows,
                seed, maxCardinality, Double.toString(clickRate), ClickModel.VERSION,
                nonlinearity == ClickModel.NONLINEAR_WEIGHT ? "" : " nonlinearity=" + nonlinearity);
        try {
            if (Files.isRegularFile(summary) && Files.isRegularFile(folder.resolve(LOG_FILE))
                    && Files.isRegularFile(folder.resolve(PROBABILITY_FILE))) {
                String[] lines = Files.readString(summary).split("\n");
                if (lines.length == 3 && lines[0].equals(key)) {
                    return new Summary(folder.resolve(LOG_FILE), folder.resolve(PROBABILITY_FILE), rows,
                            Double.parseDouble(lines[1]), Double.parseDouble(lines[2]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable summary: generate again
        }
        Summary s = generate(folder, rows, seed, maxCardinality, clickRate, nonlinearity);
        AtomicFiles.writeString(summary, key + "\n" + s.clickRate() + "\n" + s.testBayesAuc() + "\n");
        return s;
    }

    /** Writes one record as a TSV line into {@code b}; returns its length. */
    private static int format(ClickModel.Draw draw, byte[] b) {
        int at = 0;
        b[at++] = (byte) ('0' + draw.label);
        for (int f = 0; f < ClickLogFormat.FIELDS; f++) {
            b[at++] = '\t';
            if (draw.empty[f]) {
                continue;
            }
            long v = draw.value[f];
            if (f < ClickLogFormat.INTEGER_FIELDS) {
                at = writeDecimal(v, b, at);
            } else {
                for (int shift = 28; shift >= 0; shift -= 4) {
                    b[at++] = (byte) Character.forDigit((int) ((v >>> shift) & 0xf), 16);
                }
            }
        }
        b[at++] = '\n';
        return at;
    }

    private static int writeDecimal(long v, byte[] b, int at) {
        if (v < 0) {
            b[at++] = '-';
            v = -v;
        }
        int start = at;
        do {
            b[at++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        return at;
    }

    /**
     * @param s a summary
     * @return it in one line for people
     */
    public static String describe(Summary s) {
        return String.format(Locale.ROOT, "%d click records (click rate %.4f) in %s, true probabilities in %s; "
                + "Bayes-optimal test AUC (last %.0f%%) %.4f", s.rows(), s.clickRate(), s.log(), s.probabilities(),
                100 * TEST_FRACTION, s.testBayesAuc());
    }
}
