package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.experiments.spec.SweepSpec;
import org.opudfa.experiments.spec.TrainingSetup;

import picocli.CommandLine;

/**
 * The training and task registries round-trip: the same settings given as {@code train} options,
 * as a sweep spec's JSON and as a provenance record's configuration are the same values.
 */
class TaskSettingsRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every shared and MLP setting set away from its default, and a few OPU ones. */
    private static final List<String> OPTIONS = List.of("--method", "fa", "--projector", "exact",
            "--feedback-distribution", "uniform", "--feedback-layout", "separate", "--feedback-scale", "none",
            "--epochs", "3", "--batch", "64", "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.5",
            "--weight-decay", "0.001", "--schedule", "cosine", "--seed", "9", "--threads", "1", "--alignment-every", "7",
            "--dataset", "synthetic", "--data", "some/folder", "--train-limit", "100", "--test-limit", "50",
            "--no-standardise", "--hidden", "32,16", "--activation", "relu", "--bits", "6", "--read-noise", "2.5");

    private static final String SWEEP = "{'kind':'training','base':{'task':'mlp','method':'fa','projector':'exact',"
            + "'feedbackDistribution':'uniform','feedbackLayout':'separate','feedbackScale':'none','epochs':3,"
            + "'batchSize':64,'optimizer':'sgd','learningRate':0.05,'momentum':0.5,'weightDecay':0.001,"
            + "'schedule':'cosine','seed':9,'alignmentEvery':7,'dataset':'synthetic','data':'some/folder',"
            + "'trainLimit':100,'testLimit':50,'standardise':false,'hidden':[32,16],'activation':'relu','bits':6,"
            + "'readNoise':2.5},'grid':{'threads':[1]}}";

    private static SettingValues fromOptions(List<String> args) {
        TrainCommand command = new TrainCommand();
        CommandLine line = Main.configure(new CommandLine(command));
        line.parseArgs(args.toArray(new String[0]));
        return TaskOptions.values(command.spec, Tasks.get("mlp"));
    }

    @Test
    void optionsSweepJsonAndProvenanceGiveTheSameValues() throws Exception {
        SettingValues options = fromOptions(OPTIONS);
        SweepSpec sweep = SweepSpec.parse(JSON.readTree(SWEEP.replace('\'', '"')), "round-trip");
        SettingValues fromSweep = TrainingSetup.values(sweep.points().get(0).settings(), 1);
        assertEquals(options, fromSweep);

        Task mlp = Tasks.get("mlp");
        String provenance = JSON.writeValueAsString(options.describe());
        @SuppressWarnings("unchecked")
        Map<String, Object> read = JSON.readValue(provenance, Map.class);
        assertEquals(options, SettingValues.fromDescribe(mlp.settings(), read));

        assertEquals(Method.FA, options.get(TrainingSettings.METHOD));
        assertEquals(List.of(32, 16), options.get(MlpSettings.HIDDEN));
        assertEquals(false, options.get(MlpSettings.STANDARDISE));
        assertTrue(provenance.contains("\"hidden\":[32,16]"), "lists are JSON lists: " + provenance);
    }

    @Test
    void noOptionsGiveTheTaskDefaults() {
        assertEquals(Tasks.get("mlp").defaults(), fromOptions(List.of()));
    }

    @Test
    void aValueOutOfRangeNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fromOptions(List.of("--hidden", "32,0")));
        assertEquals("every entry of --hidden must be between 1 and 1048576, got 0", e.getMessage());
    }
}
