package org.opudfa.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.Tasks;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The options of every task's settings, generated from their declarations, for {@code train}:
 * one option per distinct option name over all tasks (the shared training and OPU settings once,
 * each task's own settings once). Values are kept as text when parsed and read against the chosen
 * task's settings by {@link #values}, so a value is checked by the task that will use it, and an
 * option of another task is refused with a sentence naming it.
 */
final class TaskOptions implements CommandLine.IModelTransformer {

    /** Called by picocli. */
    TaskOptions() {
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (Map.Entry<String, List<Owned>> e : byOption().entrySet()) {
            Owned first = e.getValue().get(0);
            Setting<?> s = first.setting();
            OptionSpec.Builder b = OptionSpec.builder(s.optionNames().toArray(new String[0]))
                    .description(help(e.getValue()));
            spec.addOption(s.isSwitch() ? b.arity("0").type(boolean.class).build()
                    : b.arity("1").type(String.class).paramLabel(s.placeholder()).build());
        }
        return spec;
    }

    /** A setting and the tasks that declare it. */
    private record Owned(Setting<?> setting, List<Task> tasks) {
    }

    private static Map<String, List<Owned>> byOption() {
        Map<String, List<Owned>> options = new LinkedHashMap<>();
        for (Task task : Tasks.ALL) {
            for (Setting<?> s : task.settings().settings()) {
                List<Owned> owners = options.computeIfAbsent(s.optionName(), k -> new ArrayList<>());
                Owned same = owners.stream().filter(o -> o.setting() == s).findFirst().orElse(null);
                if (same == null) {
                    owners.add(new Owned(s, new ArrayList<>(List.of(task))));
                } else {
                    same.tasks().add(task);
                }
            }
        }
        return options;
    }

    private static String help(List<Owned> owners) {
        Setting<?> s = owners.get(0).setting();
        String text = capitalised(s.description());
        if (owners.size() > 1) {
            // distinct settings of different tasks under one option: say what it is for each
            List<String> each = new ArrayList<>();
            for (Owned o : owners) {
                each.add(String.join(", ", o.tasks().stream().map(Task::name).toList()) + ": "
                        + o.setting().description());
            }
            text = capitalised(String.join("; ", each));
        }
        if (!s.isSwitch()) {
            text += ": " + s.typeDescription();
        }
        List<String> defaults = new ArrayList<>();
        for (Owned o : owners) {
            for (Task task : o.tasks()) {
                defaults.add(task.name() + " " + defaultText(task.defaults(), o.setting()));
            }
        }
        boolean shared = owners.size() == 1 && owners.get(0).tasks().size() == Tasks.ALL.size();
        String only = shared ? "" : " Task" + (owners.stream().mapToInt(o -> o.tasks().size()).sum() > 1 ? "s " : " ")
                + String.join(", ", owners.stream().flatMap(o -> o.tasks().stream()).map(Task::name).toList()) + ".";
        String text2 = text + " (default: " + (allSame(defaults) ? defaults.get(0).substring(defaults.get(0)
                .indexOf(' ') + 1) : String.join("; ", defaults)) + ")." + only;
        return text2.replace("%", "%%");
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static boolean allSame(List<String> defaults) {
        return defaults.stream().map(d -> d.substring(d.indexOf(' ') + 1)).distinct().count() == 1;
    }

    private static <T> String defaultText(SettingValues defaults, Setting<T> s) {
        if (s.isSwitch()) {
            return Boolean.TRUE.equals(defaults.get(s)) ? "on" : "off";
        }
        T value = defaults.get(s);
        return value == null ? "unset" : s.format(value);
    }

    /**
     * Reads the options given on a parsed {@code train} command against a task's settings.
     *
     * @param spec the parsed command
     * @param task the chosen task
     * @return the task's defaults with the given values
     * @throws IllegalArgumentException if a value is out of range, or an option given is not a
     *     setting of the task (naming the tasks it belongs to)
     */
    static SettingValues values(CommandSpec spec, Task task) {
        return values(spec, task, task.defaults());
    }

    /**
     * Reads the options given on a parsed {@code train} command against a task's settings, over
     * other values than the task's defaults (a checkpoint's, say).
     *
     * @param spec the parsed command
     * @param task the chosen task
     * @param base values of the task's settings
     * @return {@code base} with the given values
     * @throws IllegalArgumentException if a value is out of range, or an option given is not a
     *     setting of the task (naming the tasks it belongs to)
     */
    static SettingValues values(CommandSpec spec, Task task, SettingValues base) {
        SettingValues values = base;
        for (Map.Entry<String, List<Owned>> e : byOption().entrySet()) {
            OptionSpec option = spec.findOption(e.getKey());
            Object given = option.getValue();
            boolean isGiven = given != null && !Boolean.FALSE.equals(given);
            if (!isGiven) {
                continue;
            }
            Owned mine = e.getValue().stream().filter(o -> o.tasks().contains(task)).findFirst().orElse(null);
            if (mine == null) {
                throw new IllegalArgumentException(e.getKey() + " is not a setting of task " + task.name()
                        + "; it belongs to " + String.join(", ", e.getValue().stream()
                        .flatMap(o -> o.tasks().stream()).map(Task::name).toList()));
            }
            values = given(values, mine.setting(), given);
        }
        return values;
    }

    private static <T> SettingValues given(SettingValues values, Setting<T> s, Object given) {
        if (s.isSwitch()) {
            return values.with(s, s.cast(s.flagValue()));
        }
        return values.with(s, s.parse((String) given));
    }
}
