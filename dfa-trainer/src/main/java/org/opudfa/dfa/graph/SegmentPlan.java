package org.opudfa.dfa.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.opudfa.dfa.nn.Parameter;

/**
 * How a cut backward pass of a {@link Graph} splits into independent parts: the nodes above every
 * feedback point, the <em>segment</em> of each feedback point (the nodes from which it is reached
 * without crossing another feedback point), the order in which the segments are handed to threads,
 * and, when they cannot run concurrently, why.
 */
final class SegmentPlan {

    /** a node above every feedback point */
    private static final int ABOVE = -1;
    /** a node from which no gradient-carrying tensor is reached */
    private static final int NONE = -2;

    private final Topology topology;
    /** nodes above every feedback point, in reverse order */
    final int[] aboveNodes;
    /** per feedback point, the nodes of its segment, in reverse order */
    final int[][] segmentNodes;
    /**
     * the feedback points' segments in the order their tasks are handed out: largest first (by
     * parameter scalars, the size of their weight-gradient products), so that the threads finish
     * together rather than one starting the largest segment last
     */
    final int[] segmentOrder;
    /** why the segments cannot run concurrently, or null if they can */
    final String dependence;

    SegmentPlan(Topology topology) {
        this.topology = topology;
        int[] group = new int[topology.nodes.length];
        int[] secondGroup = new int[topology.nodes.length];
        sortIntoGroups(group, secondGroup);
        this.aboveNodes = nodesOfGroup(group, ABOVE);
        int points = topology.feedbackPoints.size();
        this.segmentNodes = new int[points][];
        long[] size = new long[points];
        for (int l = 0; l < points; l++) {
            segmentNodes[l] = nodesOfGroup(group, l);
            for (Parameter p : topology.parametersOfNodesReaching(topology.feedbackPoints.get(l).id())) {
                size[l] += p.size();
            }
        }
        this.segmentOrder = IntStream.range(0, points).boxed()
                .sorted((x, y) -> size[x] != size[y] ? Long.compare(size[y], size[x]) : Integer.compare(x, y))
                .mapToInt(Integer::intValue).toArray();
        this.dependence = dependence(group, secondGroup);
    }

    /**
     * Sorts the nodes into groups: {@link #ABOVE} every feedback point, the segment of feedback
     * point l (the group is then l), or {@link #NONE} (the node reaches neither the output nor a
     * feedback point). A node in a second group has that one in {@code secondGroup} (else NONE).
     */
    private void sortIntoGroups(int[] group, int[] secondGroup) {
        Arrays.fill(group, NONE);
        Arrays.fill(secondGroup, NONE);
        if (!topology.isFeedback(topology.output.id())) {
            markGroup(group, secondGroup, topology.output.id(), ABOVE);
        }
        for (int l = 0; l < topology.feedbackPoints.size(); l++) {
            markGroup(group, secondGroup, topology.feedbackPoints.get(l).id(), l);
        }
    }

    /** Puts the nodes that reach {@code target} without crossing a feedback point in group {@code g}. */
    private void markGroup(int[] group, int[] secondGroup, int target, int g) {
        boolean[] mark = topology.ancestors(target, true);
        Node[] nodes = topology.nodes;
        for (int i = 0; i < nodes.length; i++) {
            if (topology.reaches(nodes[i], mark, target)) {
                if (group[i] == NONE) {
                    group[i] = g;
                } else if (secondGroup[i] == NONE) {
                    secondGroup[i] = g;
                }
            }
        }
    }

    /** @return the nodes of group {@code g}, in reverse order */
    private static int[] nodesOfGroup(int[] group, int g) {
        return IntStream.iterate(group.length - 1, i -> i >= 0, i -> i - 1)
                .filter(i -> group[i] == g).toArray();
    }

    /** @return why the segments cannot run concurrently (see {@link Graph#segmentDependence()}), or null */
    private String dependence(int[] group, int[] secondGroup) {
        for (Tensor errorPoint : topology.errorPoints) {
            if (topology.isFeedback(errorPoint.id())) {
                return "the error point " + errorPoint.name() + " is itself a feedback point";
            }
        }
        Node[] nodes = topology.nodes;
        for (int i = 0; i < nodes.length; i++) {
            for (int out : nodes[i].outputs) {
                if (topology.isError[out] && group[i] != ABOVE) {
                    return "the error point " + topology.tensors[out].name() + " lies below a feedback point";
                }
            }
        }
        for (int i = 0; i < nodes.length; i++) {
            if (secondGroup[i] != NONE) {
                return "node " + topology.describe(nodes[i]) + " is in " + groupName(group[i]) + " and in "
                        + groupName(secondGroup[i]);
            }
        }
        Map<Object, Integer> owner = new IdentityHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            if (group[i] == NONE) {
                continue;
            }
            List<Object> shared = new ArrayList<>(nodes[i].module.parameters());
            shared.add(nodes[i].module);
            for (Object o : shared) {
                Integer previous = owner.putIfAbsent(o, group[i]);
                if (previous != null && previous != group[i]) {
                    return (o instanceof Parameter p ? "parameter " + p.name() : "module " + nodes[i].module.name())
                            + " is used in " + groupName(previous) + " and in " + groupName(group[i]);
                }
            }
        }
        return null;
    }

    private String groupName(int g) {
        return g == ABOVE ? "the part above the feedback points"
                : "the segment of feedback point " + topology.feedbackPoints.get(g).name();
    }
}
