package org.opudfa.dfa.train;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.opudfa.opu.ProjectionCost;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.Restorable;

/**
 * The cost and the checkpoint state of a run's DFA projectors, one per error group of the model
 * ({@link org.opudfa.dfa.graph.Graph#errorPoints()}), taken together.
 *
 * <p>State format: with one projector, its own {@link Restorable#saveState()} bytes (empty when it
 * is not restorable), so a run of one error group writes the same checkpoint as before groups
 * existed; with several, a big-endian int count, then for each projector in group order an int
 * length and its state bytes (length 0 when it is not restorable).
 */
final class ProjectorStates {

    private ProjectorStates() {
    }

    /**
     * @param projectors the run's projectors
     * @return the sum of their costs ({@link ProjectionCost#ZERO} for none)
     */
    static ProjectionCost cost(List<RandomProjector> projectors) {
        ProjectionCost total = ProjectionCost.ZERO;
        for (RandomProjector p : projectors) {
            total = total.plus(p.cost());
        }
        return total;
    }

    /**
     * @param projectors the run's projectors
     * @return their states, in the format above
     */
    static byte[] save(List<RandomProjector> projectors) {
        if (projectors.size() == 1) {
            return stateOf(projectors.get(0));
        }
        if (projectors.isEmpty()) {
            return new byte[0];
        }
        List<byte[]> states = new ArrayList<>();
        int size = Integer.BYTES;
        for (RandomProjector p : projectors) {
            byte[] s = stateOf(p);
            states.add(s);
            size += Integer.BYTES + s.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(states.size());
        for (byte[] s : states) {
            out.putInt(s.length).put(s);
        }
        return out.array();
    }

    /**
     * Restores every restorable projector's state; the states are all checked before any changes
     * (a projector whose state was restored is put back when a later one refuses its own).
     *
     * @param projectors the run's projectors
     * @param state      bytes from {@link #save} of projectors built alike
     * @throws IllegalArgumentException if the state does not fit the projectors
     */
    static void restore(List<RandomProjector> projectors, byte[] state) {
        if (projectors.size() == 1) {
            if (projectors.get(0) instanceof Restorable r) {
                r.restoreState(state);
            }
            return;
        }
        if (projectors.isEmpty()) {
            return;
        }
        List<byte[]> states = split(state, projectors.size());
        List<byte[]> previous = new ArrayList<>();
        for (int g = 0; g < projectors.size(); g++) {
            previous.add(stateOf(projectors.get(g)));
        }
        int g = 0;
        try {
            for (; g < projectors.size(); g++) {
                if (projectors.get(g) instanceof Restorable r) {
                    r.restoreState(states.get(g));
                }
            }
        } catch (IllegalArgumentException e) {
            for (int back = 0; back < g; back++) {
                if (projectors.get(back) instanceof Restorable r) {
                    r.restoreState(previous.get(back));
                }
            }
            throw e;
        }
    }

    private static byte[] stateOf(RandomProjector p) {
        return p instanceof Restorable r ? r.saveState() : new byte[0];
    }

    /** The states of {@code count} projectors, from the format above. */
    private static List<byte[]> split(byte[] state, int count) {
        ByteBuffer in = ByteBuffer.wrap(state);
        String expected = "the projectors' state must hold the states of " + count + " projectors";
        if (in.remaining() < Integer.BYTES || in.getInt() != count) {
            throw new IllegalArgumentException(expected + ", got " + state.length + " bytes that do not");
        }
        List<byte[]> states = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            int length = in.remaining() >= Integer.BYTES ? in.getInt() : -1;
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException(expected + ", but it ends inside the state of projector " + g);
            }
            byte[] s = new byte[length];
            in.get(s);
            states.add(s);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(expected + ", but " + in.remaining() + " bytes follow them");
        }
        return states;
    }
}
