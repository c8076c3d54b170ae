package org.opudfa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.MemoryEstimate;
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

    /** Provenance file name under {@code --out}. */
    static final String PROVENANCE = "provenance.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "NAME", defaultValue = "mlp",
            description = "The task to train, or 'list' to list them (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write metrics.csv, metrics.jsonl, provenance.json and a checkpoint after each epoch here.")
    Path out;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out, with the task and"
            + " settings it records; only --threads, and --epochs with the constant schedule, may be given otherwise.")
    boolean resume;

    @Option(names = "--force", description = "Start a new run in --out even though it holds the checkpoint of an"
            + " earlier run, replacing that run's files.")
    boolean force;

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
        if (resume && force) {
            throw new IllegalArgumentException("--resume continues the run in --out and --force starts a new one there;"
                    + " give one of them");
        }
        Path checkpoint = out == null ? null : out.resolve(CHECKPOINT);
        if (resume && (checkpoint == null || !Files.isRegularFile(checkpoint))) {
            throw new IllegalArgumentException("--resume needs --out DIR holding a " + CHECKPOINT + " from an earlier run"
                    + (out == null ? "" : ", but " + out + " has none"));
        }
        // A resumed run takes its task and settings from the checkpoint, checked before any data is loaded.
        Checkpoint restored = resume ? Checkpoint.read(checkpoint) : null;
        Task chosen;
        SettingValues values;
        if (restored != null) {
            ResumedRun resumed = ResumedRun.of(spec, task, restored, out);
            chosen = resumed.task();
            values = resumed.values();
        } else {
            chosen = Tasks.get(task);
            values = TaskOptions.values(spec, chosen);
        }
        if (!resume && !force && checkpoint != null && Files.exists(checkpoint)) {
            throw new IllegalArgumentException(out + " already holds the checkpoint of an earlier run; continue it with"
                    + " --resume, or start a new run there with --force, which replaces that run's files");
        }
        // The folder is made before the data is loaded, so that one that cannot be is reported at once.
        boolean createdOut = out != null && OutputFolder.create(out, "--out");
        try {
            return train(chosen, values, checkpoint, restored, stdout, stderr);
        } catch (RuntimeException | OutOfMemoryError e) {
            if (createdOut) {
                OutputFolder.removeIfEmpty(out);
            }
            if (e instanceof OutOfMemoryError oom) {
                throw HeapCheck.outOfMemory(oom, "train");
            }
            throw e;
        }
    }

    /** Refuses a run whose estimated heap exceeds the Java heap, naming the option behind its largest part. */
    private static void requireHeap(Task chosen, SettingValues values) {
        MemoryEstimate estimate = chosen.memoryEstimate(values);
        estimate.largest().ifPresent(p -> HeapCheck.require(estimate.bytes(), p.what(), p.bytes(),
                optionText(p.setting(), values), "train"));
    }

    private static <T> String optionText(Setting<T> setting, SettingValues values) {
        T value = values.get(setting);
        return setting.optionName() + (setting.isSwitch() || value == null ? "" : " " + setting.format(value));
    }

    private int train(Task chosen, SettingValues values, Path checkpoint, Checkpoint restored, PrintWriter stdout,
                      PrintWriter stderr) {
        requireHeap(chosen, values);
        TrainingRun run = chosen.build(values);
        stderr.println("opu-dfa: data: " + run.data().note());
        stderr.flush();
        try (Trainer trainer = new Trainer(run)) {
            if (restored != null) {
                trainer.restore(restored);
                stderr.println("opu-dfa: resuming after epoch " + trainer.epochsDone() + " from " + checkpoint);
            }
            if (out != null) {
                if (force) {
                    removeEarlierRun();
                }
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
                // The checkpoint in --out is this run's (a new run refuses an earlier run's, and --force
                // removes it), and holds the epochs done: restored, or written after each epoch that
                // finished without diverging.
                throw new RunFailedException(e.getMessage() + (checkpoint != null && trainer.epochsDone() > 0
                        ? "; the last good checkpoint, after epoch " + trainer.epochsDone() + ", is " + checkpoint
                        : ""), e);
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

    /**
     * Deletes the files of the run that {@code --force} replaces, once the new run is built: the
     * folder then never mixes the two runs, and its checkpoint is always the new run's.
     */
    private void removeEarlierRun() {
        for (String name : List.of(CHECKPOINT, MetricsLog.CSV_FILE, MetricsLog.JSONL_FILE, PROVENANCE)) {
            Path file = out.resolve(name);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + file + " of the earlier run (--force): "
                        + e.getMessage(), e);
            }
        }
    }

    private void writeProvenance(SettingValues values, TrainingRun run) {
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceFile f : run.data().files()) {
            files.put(f.path(), f.sha256());
        }
        Provenance provenance = Provenance.capture("train", run.configuration(), values.get(TrainingSettings.SEED),
                VersionProvider.projectVersion(), TrainingSettings.threads(values.get(TrainingSettings.THREADS)), files,
                run.data().note());
        try {
            AtomicFiles.writeString(out.resolve(PROVENANCE), new ObjectMapper()
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
            // by name, in the header's order: a task's run may add columns of its own (early stopping's best_*)
            trainer.columns().forEach(name -> cells.add(NumberText.fixed(m.value(name), 4)));
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
