package org.opudfa.dfa.task.recsys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.data.SourceFile;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.opu.rng.RandomStreams;

/**
 * A recommender run's data: the training, validation and test batches of click logs and the
 * vocabularies built from the training records. One log is split by position, the first
 * {@link #TRAIN_FRACTION} training, the next {@link #VALIDATION_FRACTION} validation, the rest
 * test; or three logs are given. With no log at all, one is generated from the run's seed
 * ({@link ClickLogGenerator}, stream {@code "data.generate"}) into a folder of the temporary
 * directory named by its size, seed and model version ({@link ClickModel#VERSION}), and reused by later runs with the same settings. A log's
 * side file of true probabilities ({@link ClickLogGenerator#probabilityFile}) is used when present,
 * read with the test records only (their Bayes-optimal AUC): no training or validation metric needs it.
 *
 * <p>Two streaming passes over each file before training: one to count and index its lines, one
 * over the training lines to count values. Nothing but the vocabularies and the line index is kept.
 *
 * @param vocabulary  the vocabularies of the training records
 * @param train       training batches
 * @param validation  validation batches
 * @param test        test batches
 * @param description what the data is
 */
public record ClickLogData(ClickVocabulary vocabulary, ClickLogBatches train, ClickLogBatches validation,
                           ClickLogBatches test, DataDescription description) {

    /** Part of a single log that trains. */
    public static final double TRAIN_FRACTION = 0.8;
    /** Mean click probability of generated logs, about Criteo's. */
    public static final double CLICK_RATE = 0.25;
    /** Part of a single log that validates (after the training part). */
    public static final double VALIDATION_FRACTION = 0.1;

    /**
     * Loads (or generates) the data the settings name.
     *
     * @param values the run's settings
     * @return the data
     * @throws IllegalArgumentException if a file is missing or malformed (naming the line), only one
     *     of the validation and test logs is given, or a split would be empty
     */
    public static ClickLogData load(SettingValues values) {
        int batchSize = values.get(TrainingSettings.BATCH_SIZE);
        int minCount = values.get(RecsysSettings.MIN_COUNT);
        long perEpoch = values.get(RecsysSettings.EVALUATION_RECORDS);
        Path data = values.get(RecsysSettings.DATA);
        Path validation = values.get(RecsysSettings.VALIDATION_DATA);
        Path test = values.get(RecsysSettings.TEST_DATA);
        if ((validation == null) != (test == null)) {
            throw new IllegalArgumentException("give both validationData and testData (the whole of data then trains), "
                    + "or neither (data is then split 80/10/10 by position)");
        }
        String note;
        if (data == null) {
            if (validation != null) {
                throw new IllegalArgumentException("validationData and testData need the training log in data");
            }
            long seed = RandomStreams.of(values.get(TrainingSettings.SEED)).derive("data.generate");
            int rows = values.get(RecsysSettings.GENERATED_ROWS);
            int cardinality = values.get(RecsysSettings.GENERATED_CARDINALITY);
            double nonlinearity = values.get(RecsysSettings.GENERATED_NONLINEARITY);
            boolean usual = nonlinearity == ClickModel.NONLINEAR_WEIGHT;
            // kept between runs: the runs of one experiment share the log their settings fix
            Path folder = Path.of(System.getProperty("java.io.tmpdir"), String.format(Locale.ROOT,
                    "opu-dfa-clicks-%d-%d-%016x-v%d%s", rows, cardinality, seed, ClickModel.VERSION,
                    usual ? "" : "-c" + nonlinearity));
            ClickLogGenerator.Summary s = ClickLogGenerator.cached(folder, rows, seed, cardinality, CLICK_RATE,
                    nonlinearity);
            data = s.log();
            note = String.format(Locale.ROOT, "generated click log: %d records of the latent click model "
                    + "(largest vocabulary %d%s, click rate %.4f), Bayes-optimal test AUC %.4f", s.rows(),
                    cardinality, usual ? "" : ", nonlinear weight " + nonlinearity, s.clickRate(), s.testBayesAuc());
        } else {
            note = "click log " + data;
        }
        ClickLogFile log = ClickLogFile.scan(data);
        ClickLogFile logProbabilities = probabilities(data);
        List<SourceFile> files = new ArrayList<>();
        files.add(log.source());
        if (logProbabilities != null) {
            files.add(logProbabilities.source());
        }
        if (validation == null) {
            long n = log.lines();
            long trainEnd = Math.round(n * TRAIN_FRACTION);
            long validationEnd = Math.round(n * (TRAIN_FRACTION + VALIDATION_FRACTION));
            if (trainEnd < 1 || validationEnd <= trainEnd || validationEnd >= n) {
                throw new IllegalArgumentException("the click log " + data + " has " + n + " records, too few to split "
                        + "80/10/10 into non-empty parts");
            }
            ClickVocabulary vocabulary = ClickVocabulary.build(log, 0, trainEnd, minCount);
            return new ClickLogData(vocabulary,
                    new ClickLogBatches(log, null, vocabulary, 0, trainEnd, batchSize, perEpoch),
                    new ClickLogBatches(log, null, vocabulary, trainEnd, validationEnd, batchSize),
                    new ClickLogBatches(log, logProbabilities, vocabulary, validationEnd, n, batchSize),
                    new DataDescription(note + String.format(Locale.ROOT, ", split by position: %d training, %d "
                            + "validation, %d test records; %d embedding ids (min count %d)", trainEnd,
                            validationEnd - trainEnd, n - validationEnd, vocabulary.size(), minCount), files));
        }
        ClickLogFile validationLog = ClickLogFile.scan(validation);
        ClickLogFile validationProbabilities = probabilities(validation);
        ClickLogFile testLog = ClickLogFile.scan(test);
        ClickLogFile testProbabilities = probabilities(test);
        for (ClickLogFile f : new ClickLogFile[] {validationLog, validationProbabilities, testLog, testProbabilities}) {
            if (f != null) {
                files.add(f.source());
            }
        }
        ClickVocabulary vocabulary = ClickVocabulary.build(log, 0, log.lines(), minCount);
        return new ClickLogData(vocabulary,
                new ClickLogBatches(log, null, vocabulary, 0, log.lines(), batchSize, perEpoch),
                new ClickLogBatches(validationLog, null, vocabulary, 0, validationLog.lines(), batchSize),
                new ClickLogBatches(testLog, testProbabilities, vocabulary, 0, testLog.lines(), batchSize),
                new DataDescription(note + String.format(Locale.ROOT, ", validation %s, test %s: %d, %d and %d "
                        + "records; %d embedding ids (min count %d)", validation, test, log.lines(),
                        validationLog.lines(), testLog.lines(), vocabulary.size(), minCount), files));
    }

    private static ClickLogFile probabilities(Path log) {
        Path side = ClickLogGenerator.probabilityFile(log);
        return Files.isRegularFile(side) ? ClickLogFile.scan(side) : null;
    }
}
