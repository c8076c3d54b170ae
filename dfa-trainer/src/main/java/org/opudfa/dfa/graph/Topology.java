package org.opudfa.dfa.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.nn.Parameter;

/**
 * The structure of a {@link Graph}, without any pass's values: its tensors, its nodes in
 * topological order, the output, the error points and the feedback points, and the questions
 * asked of that structure (which tensors reach which, which need a gradient, which parameters
 * learn from where).
 */
final class Topology {

    final Tensor[] tensors;
    final Node[] nodes;
    final Tensor output;
    final List<Tensor> errorPoints;
    /** per tensor id, whether it is an error point */
    final boolean[] isError;
    final List<Tensor> feedbackPoints;
    /** per tensor id, its index among the feedback points, or -1 */
    final int[] feedbackIndex;

    Topology(Tensor[] tensors, Node[] nodes, Tensor output, List<Tensor> errorPoints, List<Tensor> feedbackPoints) {
        this.tensors = tensors;
        this.nodes = nodes;
        this.output = output;
        this.errorPoints = errorPoints;
        this.isError = new boolean[tensors.length];
        for (Tensor t : errorPoints) {
            isError[t.id()] = true;
        }
        this.feedbackPoints = feedbackPoints;
        this.feedbackIndex = new int[tensors.length];
        Arrays.fill(feedbackIndex, -1);
        for (int l = 0; l < feedbackPoints.size(); l++) {
            feedbackIndex[feedbackPoints.get(l).id()] = l;
        }
    }

    /** @return whether tensor {@code t} is a feedback point */
    boolean isFeedback(int t) {
        return feedbackIndex[t] >= 0;
    }

    /**
     * Tensors from which {@code target} can be reached (itself included), optionally not crossing
     * feedback points.
     */
    boolean[] ancestors(int target, boolean stopAtFeedback) {
        boolean[] mark = new boolean[tensors.length];
        mark[target] = true;
        for (int i = nodes.length - 1; i >= 0; i--) {
            Node node = nodes[i];
            boolean reaches = false;
            for (int out : node.outputs) {
                reaches |= mark[out] && !(stopAtFeedback && out != target && isFeedback(out));
            }
            if (reaches) {
                for (int in : node.inputs) {
                    mark[in] = true;
                }
            }
        }
        return mark;
    }

    /** Whether one of the node's outputs is marked and is the target or no feedback point. */
    boolean reaches(Node node, boolean[] mark, int target) {
        for (int out : node.outputs) {
            if (mark[out] && (out == target || !isFeedback(out))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which tensors must get a gradient: the error points, and those with trainable parameters
     * somewhere below them (under a cut, not the feedback points, whose gradient the hook supplies).
     */
    boolean[] needsGrad(boolean cut) {
        boolean[] need = new boolean[tensors.length];
        for (Node node : nodes) {
            boolean work = !node.module.parameters().isEmpty();
            for (int in : node.inputs) {
                work |= need[in];
            }
            for (int out : node.outputs) {
                need[out] = isError[out] || (work && !(cut && isFeedback(out)));
            }
        }
        return need;
    }

    /**
     * @return the parameters of the nodes from which {@code target} is reached without crossing
     *     another feedback point, once each, in model order
     */
    List<Parameter> parametersOfNodesReaching(int target) {
        boolean[] mark = ancestors(target, true);
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        List<Parameter> list = new ArrayList<>();
        for (Node node : nodes) {
            if (reaches(node, mark, target)) {
                for (Parameter p : node.module.parameters()) {
                    if (seen.put(p, Boolean.TRUE) == null) {
                        list.add(p);
                    }
                }
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** @return the node as {@code outputs = module(inputs)} */
    String describe(Node node) {
        StringBuilder s = new StringBuilder();
        appendNames(s, node.outputs);
        s.append(" = ").append(node.module.name()).append('(');
        appendNames(s, node.inputs);
        return s.append(')').toString();
    }

    private void appendNames(StringBuilder s, int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            s.append(i == 0 ? "" : ", ").append(tensors[ids[i]].name());
        }
    }
}
