package org.opudfa.experiments.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * The parameters of a training point, generated from the tasks' settings: {@code task} (default
 * {@code mlp}) and every setting of every task, by its camel-case name. A point's values are
 * read against its task's settings; unset ones keep the task's defaults.
 */
public final class TrainingSetup {

    /** Which task a training point trains. */
    public static final Setting<String> TASK = Setting.of("task", "the task to train",
            SettingType.word(Tasks.ALL.stream().map(Task::name).toList()), Tasks.defaultTask().name());

    /** The training parameters: {@code task}, then each task's settings (the shared ones once). */
    public static final List<SweepParameter> PARAMETERS = parameters();

    private TrainingSetup() {
    }

    private static List<SweepParameter> parameters() {
        Map<String, SweepParameter> byName = new LinkedHashMap<>();
        byName.put(TASK.name(), SweepParameter.of(TASK));
        for (Task task : Tasks.ALL) {
            for (Setting<?> s : task.settings().settings()) {
                SweepParameter first = byName.get(s.name());
                byName.put(s.name(), first == null ? SweepParameter.of(s) : merged(first, s));
            }
        }
        return List.copyOf(new ArrayList<>(byName.values()));
    }

    /**
     * A parameter two tasks declare as choices of different words ({@code model}: graph's gcn, cheb,
     * gat; recsys's fm, deepfm, deep-cross) takes any of their words in a spec; the point's own task
     * then checks its value when the point is built. Other parameters keep the first declaration.
     */
    private static SweepParameter merged(SweepParameter first, Setting<?> other) {
        List<String> words = first.setting().type().words();
        List<String> more = other.type().words();
        if (words.isEmpty() || more.isEmpty() || words.equals(more)) {
            return first;
        }
        List<String> union = new ArrayList<>(words);
        more.stream().filter(w -> !union.contains(w)).forEach(union::add);
        return SweepParameter.choice(first.name(), union, first.description() + "; or " + other.description());
    }

    /**
     * @param settings parsed values by parameter name
     * @return the task the point trains
     */
    public static Task task(Map<String, Object> settings) {
        Object name = settings.get(TASK.name());
        return name == null ? Tasks.defaultTask() : Tasks.get(String.valueOf(name));
    }

    /**
     * @param settings parsed values by parameter name
     * @param threads  compute threads of the run
     * @return the point's task settings: its task's defaults with the point's values
     * @throws IllegalArgumentException naming the first value out of range, or a parameter that is
     *     not a setting of the point's task
     */
    public static SettingValues values(Map<String, Object> settings, int threads) {
        Task task = task(settings);
        Map<String, Object> own = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (!name.equals(TASK.name())) {
                if (task.settings().find(name).isEmpty()) {
                    throw new IllegalArgumentException(name + " is not a setting of task " + task.name());
                }
                own.put(name, value);
            }
        });
        SettingValues given = SettingValues.fromDescribe(task.settings(), own);
        SettingValues values = task.defaults();
        for (String name : own.keySet()) {
            values = copy(values, given, task.settings().setting(name));
        }
        return values.with(TrainingSettings.THREADS, threads);
    }

    private static <T> SettingValues copy(SettingValues to, SettingValues from, Setting<T> s) {
        return to.with(s, from.get(s));
    }
}
