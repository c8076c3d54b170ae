package org.opudfa.dfa.task;

import java.util.List;
import java.util.stream.Collectors;

import org.opudfa.dfa.task.graph.GraphAutoencoderTask;
import org.opudfa.dfa.task.graph.GraphTask;
import org.opudfa.dfa.task.lm.LmTask;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.dfa.task.recsys.RecsysTask;
import org.opudfa.dfa.task.nerf.NerfTask;

/** The tasks opu-dfa can train, by name. To add one, write its package and list it here. */
public final class Tasks {

    /** Every task, in the order {@code --task list} shows them; the first is the default. */
    public static final List<Task> ALL = List.of(MlpTask.INSTANCE, LmTask.INSTANCE, GraphTask.INSTANCE,
            GraphAutoencoderTask.INSTANCE, NerfTask.INSTANCE, RecsysTask.INSTANCE);

    private Tasks() {
    }

    /**
     * @param name a task name
     * @return the task
     * @throws IllegalArgumentException naming the tasks there are, if none has that name
     */
    public static Task get(String name) {
        for (Task t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("there is no task '" + name + "'; the tasks are "
                + ALL.stream().map(Task::name).collect(Collectors.joining(", ")));
    }

    /** @return the default task, {@code mlp} */
    public static Task defaultTask() {
        return ALL.get(0);
    }
}
