package org.opudfa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.MetricsLog;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingDivergedException;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.dfa.train.TrainingRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa train}: trains a task's model with DFA (through the simulated OPU or the exact
 * projector), backpropagation, feedback alignment or the shallow baseline, printing one table row
 * per epoch. The task's settings are options generated from their declarations ({@link TaskOptions}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TaskOptions.class,
        description = {
            "Train a task's model (--task, default mlp; --task list shows the tasks). Prints one row per epoch; "
                    + "progress goes to stderr.",
            "The mlp task's defaults: DFA through the simulated OPU, 784-1024-1024-10 tanh, Adam lr 1e-4, batch 128, "
                    + "10 epochs, seed 0, on Fashion-MNIST when installed (else a generated synthetic task).",
            "Options that belong to some tasks only say which."
        })
final class TrainCommand implements Callable<Integer> {

    /** Checkpoint file name under {@code --out}. */
    static final String CHECKPOINT = "checkpoint.bin";

    @Spec
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "NAME", defaultValue = "mlp",
            description = "The task to train, or 'list' to list them (default: ${DEFAULT-VALUE}).")
    String task;

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
        if ("list".equals(task)) {
            Table table = new Table(List.of("task", "models", "what it trains"));
            for (Task t : Tasks.ALL) {
                table.add(List.of(t.name(), t.models().isEmpty() ? "-" : String.join("|", t.models()), t.summary()));
            }
            table.print(stdout);
            stdout.flush();
            return 0;
        }
        Task chosen = Tasks.get(task);
        SettingValues values = TaskOptions.values(spec, chosen);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a folder, but " + out + " is a file");
        }
        Path checkpoint = out == null ? null : out.resolve(CHECKPOINT);
        if (resume && (checkpoint == null || !Files.isRegularFile(checkpoint))) {
            throw new IllegalArgumentException("--resume needs --out DIR holding a " + CHECKPOINT + " from an earlier run"
                    + (out == null ? "" : ", but " + out + " has none"));
        }
        TrainingRun run = chosen.build(values);
        stderr.println("opu-dfa: data: " + run.data().note());
        stderr.flush();
        try (Trainer trainer = new Trainer(run)) {
            if (resume) {
                trainer.restore(Checkpoint.read(checkpoint));
                stderr.println("opu-dfa: resuming after epoch " + trainer.epochsDone() + " from " + checkpoint);
            }
            if (out != null) {
                writeProvenance(values, run);
            }
            Listener listener = new Listener(stdout, stderr, trainer, run.epochs());
            if (!json) {
                listener.printHeader(run.train().itemName());
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
                doc.put("task", chosen.name());
                doc.put("configuration", values.describe());
                doc.put("data", run.data().note());
                doc.put("epochs", history);
                Json.print(stdout, doc);
            }
        }
        return 0;
    }

    private void writeProvenance(SettingValues values, TrainingRun run) {
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceFile f : run.data().files()) {
            files.put(f.path(), f.sha256());
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("task", task);
        configuration.putAll(values.describe());
        Provenance provenance = Provenance.capture("train", configuration, values.get(TrainingSettings.SEED),
                VersionProvider.projectVersion(), TrainingSettings.threads(values.get(TrainingSettings.THREADS)), files,
                run.data().note());
        try {
            AtomicFiles.writeString(out.resolve("provenance.json"), new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(provenance) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the provenance record", e);
        }
    }

    /** Draws progress on stderr, prints epoch rows on stdout and keeps the metrics files current. */
    private final class Listener implements TrainingListener {
        private final PrintWriter stdout;
        private final ProgressBar bar;
        private final Trainer trainer;
        private final int epochs;
        private String format;

        Listener(PrintWriter stdout, PrintWriter stderr, Trainer trainer, int epochs) {
            this.stdout = stdout;
            this.bar = new ProgressBar(stderr, !noProgress && System.console() != null);
            this.trainer = trainer;
            this.epochs = epochs;
        }

        /** Prints the table's header: the trainer's measurements, "accuracy" shortened to "acc". */
        void printHeader(String itemName) {
            List<String> headers = new ArrayList<>(List.of("epoch"));
            for (String name : trainer.columns()) {
                headers.add(name.replace("accuracy", "acc"));
            }
            headers.addAll(List.of("alignment", itemName + "/s", "opu_time_s"));
            StringBuilder f = new StringBuilder();
            for (String h : headers) {
                f.append(f.length() == 0 ? "" : "  ").append("%").append(Math.max(h.length(), 5)).append("s");
            }
            format = f.toString();
            stdout.println(String.format(Locale.ROOT, format, headers.toArray()));
            stdout.flush();
        }

        void printRow(EpochMetrics m) {
            List<Object> cells = new ArrayList<>();
            cells.add(m.epoch());
            m.values().values().forEach(v -> cells.add(NumberText.fixed(v, 4)));
            cells.add(m.alignment().isEmpty() ? "-" : NumberText.fixed(m.meanAlignment(), 4));
            cells.add(NumberText.fixed(m.itemsPerSecond(), 0));
            cells.add(NumberText.fixed(m.opuDeviceSeconds(), 2));
            stdout.println(String.format(Locale.ROOT, format, cells.toArray()));
            stdout.flush();
        }

        @Override
        public void onBatch(int epoch, int batchIndex, int batches, double loss) {
            bar.update("epoch " + epoch + "/" + epochs, batchIndex, batches,
                    "loss " + NumberText.fixed(loss, 4));
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
}
