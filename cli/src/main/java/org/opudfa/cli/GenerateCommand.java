package org.opudfa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.opudfa.dfa.task.lm.ByteVocabulary;
import org.opudfa.dfa.task.lm.TextGenerator;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.opu.kernel.Gemm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opu-dfa generate}: samples text from the language model a {@code train --task lm} run
 * saved in its {@code --out} folder, and prints the prompt followed by the sample.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sample text from the language model a 'train --task lm --out DIR' run saved in DIR: the model",
            "continues the prompt one byte at a time, drawing each from its predicted distribution at the given",
            "temperature (0: always the most likely byte). The same run, prompt, length, temperature and seed",
            "give the same text. Prints the prompt and the sample."
        })
final class GenerateCommand implements Callable<Integer> {

    /** The longest sample, in bytes. */
    static final int MAX_LENGTH = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder of a 'train --task lm' run (it holds " + TrainCommand.CHECKPOINT + ").")
    Path out;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "",
            description = "The text to continue (default: none, the model starts after a line break).")
    String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "300",
            description = "Bytes to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8",
            description = "Sampling temperature, 0 for the most likely byte each time (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("--length must be between 0 and " + MAX_LENGTH + " bytes, got " + length);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("--temperature must be at least 0 and finite, got " + temperature);
        }
        Path file = out.resolve(TrainCommand.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--out must be the folder of a 'train --task lm' run holding its "
                    + TrainCommand.CHECKPOINT + ", but " + out + " has none");
        }
        Checkpoint checkpoint = Checkpoint.read(file);
        int[] sample = TextGenerator.fromCheckpoint(checkpoint, Gemm.singleThreaded())
                .generate(prompt, length, temperature, seed);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(prompt + ByteVocabulary.decode(sample, 0, sample.length));
        stdout.flush();
        return 0;
    }
}
