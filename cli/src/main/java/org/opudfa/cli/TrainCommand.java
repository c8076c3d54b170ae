package org.opudfa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.opudfa.dfa.data.SourceFile;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.dfa.io.Provenance;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.FeedbackScale;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.dfa.train.Activation;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.DatasetChoice;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.MetricsLog;
import org.opudfa.dfa.train.OptimizerKind;
import org.opudfa.dfa.train.ProjectorKind;
import org.opudfa.dfa.train.ScheduleKind;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingConfig;
import org.opudfa.dfa.train.TrainingData;
import org.opudfa.dfa.train.TrainingDivergedException;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.kernel.Gemm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa train}: trains an MLP classifier with DFA (through the simulated OPU or the exact
 * projector), backpropagation, feedback alignment or the shallow baseline, printing one table row
 * per epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train an MLP classifier. Defaults: DFA through the simulated OPU, 784-1024-1024-10 tanh,",
            "Adam lr 1e-4, batch 128, 10 epochs, seed 0, on Fashion-MNIST when installed (else a generated",
            "synthetic task). Prints one row per epoch; progress goes to stderr."
        })
final class TrainCommand implements Callable<Integer> {

    /** Checkpoint file name under {@code --out}. */
    static final String CHECKPOINT = "checkpoint.bin";

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "D", defaultValue = "auto",
            description = "auto, fashion-mnist or synthetic (default: ${DEFAULT-VALUE}).")
    DatasetChoice dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the Fashion-MNIST IDX files.")
    Path dataFolder;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Train on the first N samples only, 0 = all (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
            description = "Test on the first N samples only, 0 = all (default: ${DEFAULT-VALUE}).")
    int testLimit;

    @Option(names = "--no-standardise",
            description = "Train on raw features in [0, 1] instead of standardising them by the training set's "
                    + "mean and standard deviation.")
    boolean noStandardise;

    @Option(names = "--hidden", paramLabel = "W1,W2", split = ",", defaultValue = "1024,1024",
            description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "A", defaultValue = "tanh",
            description = "tanh, relu, sigmoid or gelu (default: ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--method", paramLabel = "M", defaultValue = "dfa",
            description = "dfa, bp, fa or shallow (default: ${DEFAULT-VALUE}).")
    Method method;

    @Option(names = "--projector", paramLabel = "P", defaultValue = "opu",
            description = "What computes DFA's projection: opu (simulated device) or exact (default: ${DEFAULT-VALUE}).")
    ProjectorKind projector;

    @Option(names = "--feedback-distribution", paramLabel = "D", defaultValue = "gaussian",
            description = "Entries of the exact projector's B: gaussian or uniform (default: ${DEFAULT-VALUE}).")
    Distribution feedbackDistribution;

    @Option(names = "--feedback-layout", paramLabel = "L", defaultValue = "shared",
            description = "shared (one projection sliced per block) or separate (one slice per block) "
                    + "(default: ${DEFAULT-VALUE}).")
    FeedbackLayout feedbackLayout;

    @Option(names = "--feedback-scale", paramLabel = "S", defaultValue = "inverse-sqrt-size",
            description = "none or inverse-sqrt-size (1/sqrt of the projection size) (default: ${DEFAULT-VALUE}).")
    FeedbackScale feedbackScale;

    @Mixin
    OpuOptions opu;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", paramLabel = "O", defaultValue = "adam",
            description = "adam, adamw or sgd (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-4", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0",
            description = "Weight decay: L2 for sgd and adam, decoupled for adamw (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
            description = "constant, step (halve every quarter) or cosine (default: ${DEFAULT-VALUE}).")
    ScheduleKind schedule;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Compute threads (default: the available processors).")
    Integer threads;

    @Option(names = "--alignment-every", paramLabel = "N", defaultValue = "50",
            description = "Measure DFA/FA gradient alignment every N steps, 0 = never (default: ${DEFAULT-VALUE}).")
    int alignmentEvery;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write metrics.csv, metrics.jsonl, provenance.json and a checkpoint after each epoch here.")
    Path out;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out.")
    boolean resume;

    @Option(names = "--no-progress",
            description = "Do not draw the progress bar (it is drawn only on an interactive terminal anyway).")
    boolean noProgress;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        TrainingConfig config = TrainingConfig.builder()
                .dataset(dataset).dataFolder(dataFolder).trainLimit(trainLimit).testLimit(testLimit)
                .standardise(!noStandardise)
                .hidden(hidden).activation(activation).method(method).projector(projector)
                .feedbackDistribution(feedbackDistribution).feedbackLayout(feedbackLayout).feedbackScale(feedbackScale)
                .opu(method == Method.DFA && projector == ProjectorKind.OPU ? opu.toConfig(10, 1024, seed) : null)
                .epochs(epochs).batchSize(batch).optimizer(optimizer).learningRate(lr).momentum(momentum)
                .weightDecay(weightDecay).schedule(schedule).seed(seed)
                .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                .alignmentEvery(alignmentEvery)
                .build();
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a folder, but " + out + " is a file");
        }
        Path checkpoint = out == null ? null : out.resolve(CHECKPOINT);
        if (resume && (checkpoint == null || !Files.isRegularFile(checkpoint))) {
            throw new IllegalArgumentException("--resume needs --out DIR holding a " + CHECKPOINT + " from an earlier run"
                    + (out == null ? "" : ", but " + out + " has none"));
        }
        TrainingData data = TrainingData.load(config);
        stderr.println("opu-dfa: data: " + data.note());
        stderr.flush();
        try (Trainer trainer = new Trainer(MlpTask.build(config, data.split(), Gemm.withThreads(config.threads())))) {
            if (resume) {
                trainer.restore(Checkpoint.read(checkpoint));
                stderr.println("opu-dfa: resuming after epoch " + trainer.epochsDone() + " from " + checkpoint);
            }
            if (out != null) {
                writeProvenance(config, data);
            }
            Listener listener = new Listener(stdout, stderr, trainer);
            if (!json) {
                listener.printHeader();
                trainer.history().forEach(listener::printRow);
            }
            List<EpochMetrics> history;
            try {
                history = trainer.run(listener, checkpoint);
            } catch (TrainingDivergedException e) {
                listener.bar.finish();
                throw new RunFailedException(e.getMessage()
                        + (checkpoint != null && Files.isRegularFile(checkpoint)
                        ? "; the last good checkpoint is " + checkpoint : ""), e);
            }
            listener.bar.finish();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "train");
                doc.put("configuration", config.describe());
                doc.put("data", data.note());
                doc.put("epochs", history);
                Json.print(stdout, doc);
            }
        }
        return 0;
    }

    private void writeProvenance(TrainingConfig config, TrainingData data) {
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceFile f : data.split().train().source().files()) {
            files.put(f.path(), f.sha256());
        }
        for (SourceFile f : data.split().heldOut().source().files()) {
            files.put(f.path(), f.sha256());
        }
        Provenance provenance = Provenance.capture("train", config.describe(), config.seed(),
                VersionProvider.projectVersion(), config.threads(), files, data.note());
        try {
            AtomicFiles.writeString(out.resolve("provenance.json"), new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(provenance) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the provenance record", e);
        }
    }

    /** Draws progress on stderr, prints epoch rows on stdout and keeps the metrics files current. */
    private final class Listener implements TrainingListener {
        private static final String FORMAT = "%5s  %10s  %9s  %9s  %8s  %9s  %9s  %10s";
        private final PrintWriter stdout;
        private final ProgressBar bar;
        private final Trainer trainer;

        Listener(PrintWriter stdout, PrintWriter stderr, Trainer trainer) {
            this.stdout = stdout;
            this.bar = new ProgressBar(stderr, !noProgress && System.console() != null);
            this.trainer = trainer;
        }

        void printHeader() {
            stdout.println(String.format(Locale.ROOT, FORMAT, "epoch", "train_loss", "train_acc", "test_loss",
                    "test_acc", "alignment", "samples/s", "opu_time_s"));
            stdout.flush();
        }

        void printRow(EpochMetrics m) {
            stdout.println(String.format(Locale.ROOT, FORMAT, m.epoch(), fmt("%.4f", m.trainLoss()),
                    fmt("%.4f", m.value("train_accuracy")), fmt("%.4f", m.value("test_loss")),
                    fmt("%.4f", m.value("test_accuracy")),
                    m.alignment().isEmpty() ? "-" : fmt("%.4f", m.meanAlignment()), fmt("%.0f", m.itemsPerSecond()),
                    fmt("%.2f", m.opuDeviceSeconds())));
            stdout.flush();
        }

        @Override
        public void onBatch(int epoch, int batchIndex, int batches, double loss) {
            bar.update("epoch " + epoch + "/" + epochs, batchIndex, batches, fmt("loss %.4f", loss));
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            bar.finish();
            if (!json) {
                printRow(m);
            }
            if (out != null) {
                new MetricsLog(out).write(trainer.history());
            }
        }
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
