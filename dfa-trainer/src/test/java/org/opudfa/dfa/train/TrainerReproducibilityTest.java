package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;
import static org.opudfa.dfa.train.TrainFixtures.parametersDiffer;
import static org.opudfa.dfa.train.TrainFixtures.withoutTiming;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Same configuration and seed: the same numbers; another seed: other numbers. For every rule. */
class TrainerReproducibilityTest {

    @ParameterizedTest
    @EnumSource(Method.class)
    void sameSeedGivesIdenticalMetricsAndParameters(Method method) {
        TrainingConfig config = TrainFixtures.small(method).build();
        TrainFixtures.Run a = TrainFixtures.run(config);
        TrainFixtures.Run b = TrainFixtures.run(config);

        assertEquals(config.epochs(), a.history().size());
        assertEquals(withoutTiming(a.history()), withoutTiming(b.history()));
        assertSameParameters(a.parameters(), b.parameters());
        boolean measuresAlignment = method == Method.DFA || method == Method.FA;
        assertEquals(measuresAlignment, !a.history().get(0).alignment().isEmpty(),
                "alignment is reported exactly for the rules that have one");
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void otherSeedGivesOtherMetricsAndParameters(Method method) {
        TrainFixtures.Run a = TrainFixtures.run(TrainFixtures.small(method).seed(11).build());
        TrainFixtures.Run b = TrainFixtures.run(TrainFixtures.small(method).seed(12).build());

        assertNotEquals(withoutTiming(a.history()), withoutTiming(b.history()));
        assertTrue(parametersDiffer(a.parameters(), b.parameters()), "a new seed must move the weights");
        assertFalse(a.history().get(0).trainLoss() == b.history().get(0).trainLoss(),
                "a new seed must change the first epoch's loss");
    }
}
