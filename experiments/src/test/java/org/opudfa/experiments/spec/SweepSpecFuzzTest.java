package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.io.MessageText;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Random mutations of valid sweep specs (characters deleted, inserted, replaced, spans copied
 * elsewhere) are either accepted or rejected with an {@link IllegalArgumentException} whose
 * message is one line: never a parser exception, a NullPointerException or a ClassCastException.
 */
class SweepSpecFuzzTest {

    private static final long SEED = 20_250_611L;
    /** Mutated texts per valid spec: enough to reach every branch of the parser many times, still well under a second. */
    private static final int CASES_PER_SPEC = 1500;
    /** Mutations applied to one text, from 1 to this many. */
    private static final int MAX_MUTATIONS = 4;

    /** Valid specs touching every part of the format: points, grid, plots, each kind. */
    private static final List<String> VALID = List.of(
            "{\"name\":\"bits\",\"kind\":\"fidelity\",\"description\":\"d\","
                    + "\"base\":{\"inputDim\":10,\"outputDim\":64,\"vectors\":5,\"seed\":0},"
                    + "\"grid\":{\"bits\":[4,6],\"readNoise\":[3.0,30.0]},"
                    + "\"plots\":[{\"file\":\"a.png\",\"title\":\"T\",\"x\":\"bits\",\"xLabel\":\"bits\","
                    + "\"y\":[\"correlation\"],\"yLabel\":\"r\",\"series\":\"readNoise\",\"logY\":true}]}",
            "{\"kind\":\"training\",\"base\":{\"dataset\":\"synthetic\",\"hidden\":[32,16],\"epochs\":1},"
                    + "\"points\":[{\"label\":\"BP\",\"method\":\"bp\"},{\"label\":\"DFA\",\"method\":\"dfa\","
                    + "\"projector\":\"exact\"}],\"grid\":{\"seed\":[1,2]},"
                    + "\"plots\":[{\"file\":\"e.png\",\"title\":\"T\",\"source\":\"epochs\",\"x\":\"epoch\","
                    + "\"xLabel\":\"epoch\",\"y\":[\"test_accuracy\"],\"yLabel\":\"acc\",\"series\":\"label\"}]}",
            "{\"kind\":\"cost\",\"base\":{\"errorDim\":10,\"batch\":4},\"grid\":{\"hidden\":[100,1000],"
                    + "\"encoding\":[\"ternary\",\"bit-planes\"],\"bitPlanes\":[2]}}");

    /** Fragments that matter to a JSON parser and to the spec's checks. */
    private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true",
            "false", "-1", "0", "1e309", "-0.0", "99999999999999999999", "4.5", "\"x\"", "[]", "{}", "\"kind\"",
            "\"grid\"", "\"points\"", "\"plots\"", "\"base\"", "\"bits\"", "\"label\"", "\"epochs\"", "\u0000", "\u00e9",
            "\ud83d\ude00", " ", "\n", "/*", "NaN", "\"\\u0000\"", "\"../x.png\"");

    @Test
    void mutatedSpecsAreAcceptedOrRejectedWithOneLine() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("sweep-spec-fuzz");
        for (int v = 0; v < VALID.size(); v++) {
            String valid = VALID.get(v);
            assertDoesNotThrow(() -> parse(valid), "the unmutated spec is valid");
            for (int c = 0; c < CASES_PER_SPEC; c++) {
                String text = valid;
                int mutations = 1 + rng.nextInt(MAX_MUTATIONS);
                for (int k = 0; k < mutations; k++) {
                    text = mutate(text, rng);
                }
                check(text, "spec " + v + " case " + c);
            }
        }
    }

    private static SweepSpec parse(String text) {
        return SweepSpec.parse(SweepSpec.tree(text, "sweep spec fuzz.json"), "fuzz");
    }

    private static void check(String text, String which) {
        try {
            parse(text);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
                fail(which + ": the message is not one line: [" + m + "] for " + text);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(which + ": " + e + " for " + MessageText.abbreviate(text) + " (full text: "
                    + text + ")", e);
        }
    }

    private static String mutate(String text, UniformRandomProvider rng) {
        if (text.isEmpty()) {
            return fragment(rng);
        }
        int at = rng.nextInt(text.length() + 1);
        switch (rng.nextInt(4)) {
            case 0 -> {
                int end = Math.min(text.length(), at + 1 + rng.nextInt(6));
                return text.substring(0, Math.min(at, end)) + text.substring(end);
            }
            case 1 -> {
                return text.substring(0, at) + fragment(rng) + text.substring(at);
            }
            case 2 -> {
                int end = Math.min(text.length(), at + 1);
                return text.substring(0, Math.min(at, end)) + fragment(rng) + text.substring(end);
            }
            default -> {
                int from = rng.nextInt(text.length());
                int to = Math.min(text.length(), from + 1 + rng.nextInt(20));
                return text.substring(0, at) + text.substring(from, to) + text.substring(at);
            }
        }
    }

    private static String fragment(UniformRandomProvider rng) {
        return FRAGMENTS.get(rng.nextInt(FRAGMENTS.size()));
    }
}
