package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;
import static org.opudfa.dfa.train.TrainFixtures.parametersDiffer;
import static org.opudfa.dfa.train.TrainFixtures.withoutTiming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.TrainingSettings;

/** Same configuration and seed: the same numbers; another seed: other numbers. For every rule. */
class TrainerReproducibilityTest {

    @ParameterizedTest
    @EnumSource(Method.class)
    void sameSeedGivesIdenticalMetricsAndParameters(Method method) {
        SettingValues config = TrainFixtures.small(method);
        TrainFixtures.Run a = TrainFixtures.run(config);
        TrainFixtures.Run b = TrainFixtures.run(config);

        assertEquals(config.get(TrainingSettings.EPOCHS), a.history().size());
        assertEquals(withoutTiming(a.history()), withoutTiming(b.history()));
        assertSameParameters(a.parameters(), b.parameters());
        boolean measuresAlignment = method == Method.DFA || method == Method.FA;
        assertEquals(measuresAlignment, !a.history().get(0).alignment().isEmpty(),
                "alignment is reported exactly for the rules that have one");
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void otherSeedGivesOtherMetricsAndParameters(Method method) {
        TrainFixtures.Run a = TrainFixtures.run(TrainFixtures.small(method).with(TrainingSettings.SEED, 11L));
        TrainFixtures.Run b = TrainFixtures.run(TrainFixtures.small(method).with(TrainingSettings.SEED, 12L));

        assertNotEquals(withoutTiming(a.history()), withoutTiming(b.history()));
        assertTrue(parametersDiffer(a.parameters(), b.parameters()), "a new seed must move the weights");
        assertFalse(a.history().get(0).trainLoss() == b.history().get(0).trainLoss(),
                "a new seed must change the first epoch's loss");
    }

    /** The simulated OPU draws its medium and noise from the run's seed, so its runs repeat too. */
    @Test
    void opuRunsRepeatAndReportTheirFrames() {
        SettingValues config = TrainFixtures.small(Method.DFA).with(TrainingSettings.PROJECTOR, ProjectorKind.OPU).with(TrainingSettings.EPOCHS, 1);
        TrainFixtures.Run a = TrainFixtures.run(config);
        TrainFixtures.Run b = TrainFixtures.run(config);

        assertEquals(withoutTiming(a.history()), withoutTiming(b.history()));
        assertSameParameters(a.parameters(), b.parameters());
        EpochMetrics m = a.history().get(0);
        assertTrue(m.opuFrames() > 0, "the OPU shows frames");
        assertTrue(m.opuDeviceSeconds() > 0 && m.opuDeviceJoules() > 0, "and reports device time and energy");
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"BP", "FA", "SHALLOW"})
    void cpuRulesReportNoFrames(Method method) {
        EpochMetrics m = TrainFixtures.run(TrainFixtures.small(method).with(TrainingSettings.EPOCHS, 1)).history().get(0);
        assertEquals(0, m.opuFrames());
        assertEquals(0.0, m.opuDeviceSeconds());
    }
}
