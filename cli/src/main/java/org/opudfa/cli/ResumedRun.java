package org.opudfa.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.opudfa.dfa.io.MessageText;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.TrainingRun;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code train --resume} continues: the task and settings a checkpoint was written with,
 * read from the checkpoint, so that resuming needs no option repeated. Options given on the
 * command line override them only where a resumed run may differ
 * ({@link RunParts#changeableOnResume}); any other option that asks for another value than
 * the checkpoint's is refused with one sentence naming it, before any data is loaded.
 *
 * @param task   the task that wrote the checkpoint
 * @param values its settings, with the allowed overrides
 */
record ResumedRun(Task task, SettingValues values) {

    /**
     * @param spec       the parsed {@code train} command
     * @param taskOption the value of {@code --task}
     * @param checkpoint the checkpoint, read and verified
     * @param folder     the folder holding it ({@code --out}), for messages
     * @return the task and settings to resume with
     * @throws IllegalArgumentException if {@code --task} names another task than the checkpoint's,
     *     the checkpoint holds a setting the task does not have, or an option given differs from
     *     the checkpoint where a resumed run may not
     */
    static ResumedRun of(CommandSpec spec, String taskOption, Checkpoint checkpoint, Path folder) {
        Map<String, Object> written = new LinkedHashMap<>(checkpoint.configuration());
        Object name = written.remove(TrainingRun.TASK);
        if (name != null && Tasks.ALL.stream().noneMatch(t -> t.name().equals(String.valueOf(name)))) {
            throw new IllegalArgumentException("the checkpoint in " + folder + " was written by task '" + name
                    + "', which this version of opu-dfa does not have");
        }
        // A checkpoint written before checkpoints named their task is taken to be --task's.
        Task task = Tasks.get(name == null ? taskOption : String.valueOf(name));
        if (spec.commandLine().getParseResult().hasMatchedOption("--task") && !task.name().equals(taskOption)) {
            throw new IllegalArgumentException("the checkpoint in " + folder + " was written by task " + task.name()
                    + ", but --task asks for " + taskOption + "; leave --task out to resume it, or start a new run"
                    + " there with --force");
        }
        for (String setting : written.keySet()) {
            if (task.settings().find(setting).isEmpty()) {
                throw new IllegalArgumentException("the checkpoint in " + folder + " holds a setting '" + setting
                        + "' that task " + task.name() + " does not have, so this version of opu-dfa cannot resume it");
            }
        }
        SettingValues before = SettingValues.fromDescribe(task.settings(), written);
        SettingValues values = TaskOptions.values(spec, task, before);
        List<Setting<?>> changeable = RunParts.changeableOnResume(before);
        for (Setting<?> s : task.settings().settings()) {
            if (!changeable.contains(s) && !Objects.equals(before.get(s), values.get(s))) {
                throw new IllegalArgumentException(differs(s, before, values, changeable, folder));
            }
        }
        return new ResumedRun(task, values);
    }

    /** The sentence refusing an option that asks for another value than the checkpoint's. */
    private static String differs(Setting<?> s, SettingValues before, SettingValues values,
                                  List<Setting<?>> changeable, Path folder) {
        String written = "the checkpoint in " + folder + " was written with " + s.name() + " = " + text(s, before);
        if (s == TrainingSettings.EPOCHS) {
            return written + " and the " + text(TrainingSettings.SCHEDULE, before) + " schedule, whose learning rates"
                    + " are laid out over the run's epochs, so " + s.optionName() + " " + text(s, values)
                    + " would give the resumed steps rates no uninterrupted run takes; resume without "
                    + s.optionName() + ", or start a new run there with --force";
        }
        return written + ", but this command gives " + text(s, values) + " (" + s.optionName() + "); leave "
                + s.optionName() + " out to resume that run (only "
                + MessageText.inWords(changeable.stream().map(Setting::optionName).toList()) + " may change), or start a new run there"
                + " with --force";
    }

    private static <T> String text(Setting<T> s, SettingValues values) {
        T value = values.get(s);
        return value == null ? "unset" : s.format(value);
    }
}
