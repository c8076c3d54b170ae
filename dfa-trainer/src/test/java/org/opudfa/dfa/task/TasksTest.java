package org.opudfa.dfa.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tasks' registry: every task's settings are named after it, which is how checkpoints name the task. */
class TasksTest {

    @Test
    void everyTaskNamesItsSettingsAfterItself() {
        for (Task task : Tasks.ALL) {
            assertEquals(task.name(), task.settings().name(), "the settings registry of task " + task.name());
            assertEquals(task, Tasks.get(task.name()));
        }
    }
}
