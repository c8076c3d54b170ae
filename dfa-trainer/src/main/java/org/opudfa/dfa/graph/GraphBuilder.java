package org.opudfa.dfa.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;

/**
 * Builds a {@link Graph}: declare inputs, apply modules to tensors (in forward order), mark
 * feedback points and the error point, then {@link #build} with the output.
 *
 * <pre>{@code
 * GraphBuilder g = Graph.builder();
 * Tensor x = g.input("x", FEATURES, 784);
 * Tensor h = g.apply(new Tanh("tanh0"), g.apply(new Dense("dense0", 784, 256, rng, gemm), x));
 * g.feedback(h);
 * Tensor logits = g.apply(new Dense("head", 256, 10, rng, gemm), h);
 * Graph model = g.build(logits);   // the error point is the output unless marked
 * }</pre>
 */
public final class GraphBuilder {
    final List<Tensor> tensors = new ArrayList<>();
    final Map<String, Tensor> byName = new LinkedHashMap<>();
    final List<Feed.Key<?>> inputKeys = new ArrayList<>();
    final List<Integer> producer = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    private final Map<Module, Integer> applications = new HashMap<>();
    final List<Tensor> feedbackPoints = new ArrayList<>();
    /** per feedback point, the number of error points marked before it: the group it belongs to */
    final Map<Tensor, Integer> feedbackGroup = new HashMap<>();
    final List<Tensor> errorPoints = new ArrayList<>();
    private boolean built;

    GraphBuilder() {
    }

    /**
     * Declares a dense model input read from the batch.
     *
     * @param name  the tensor's name
     * @param key   where the batch holds it
     * @param width its number of columns
     * @return the tensor
     * @throws IllegalArgumentException if the name is taken or the width is not positive
     */
    public Tensor input(String name, Feed.Key<FMatrixRMaj> key, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("model input " + name + " must have at least 1 column, got " + width);
        }
        return newTensor(name, width, key, -1);
    }

    /**
     * Applies a module of one output.
     *
     * @param module the module (may have been applied before: its parameters are then shared)
     * @param inputs the tensors it reads, in order
     * @return its output tensor, named after the module (with {@code #2}, {@code #3} … when
     *     the module is applied again)
     * @throws IllegalArgumentException if the module rejects the inputs' widths or has several outputs
     */
    public Tensor apply(Module module, Tensor... inputs) {
        Tensor[] outs = applyAll(module, inputs);
        if (outs.length != 1) {
            throw new IllegalArgumentException(module.name() + " has " + outs.length
                    + " outputs; use applyAll");
        }
        return outs[0];
    }

    /**
     * Applies a module of any number of outputs.
     *
     * @param module the module
     * @param inputs the tensors it reads, in order
     * @return its output tensors, named {@code name.0}, {@code name.1} … when there are several
     * @throws IllegalArgumentException if the module rejects the inputs' widths
     */
    public Tensor[] applyAll(Module module, Tensor... inputs) {
        requireOpen();
        Objects.requireNonNull(module, "module");
        int[] widths = new int[inputs.length];
        int[] ids = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (!isOwn(t)) {
                throw new IllegalArgumentException("input " + i + " of " + module.name()
                        + " is not a tensor of this model");
            }
            widths[i] = t.width();
            ids[i] = t.id();
        }
        int[] outWidths = module.outputWidths(widths);
        if (outWidths.length < 1) {
            throw new IllegalArgumentException(module.name() + " must have at least 1 output");
        }
        int count = applications.merge(module, 1, Integer::sum);
        String base = count == 1 ? module.name() : module.name() + "#" + count;
        Tensor[] outs = new Tensor[outWidths.length];
        int[] outIds = new int[outWidths.length];
        for (int k = 0; k < outWidths.length; k++) {
            String name = outWidths.length == 1 ? base : base + "." + k;
            outs[k] = newTensor(name, outWidths[k], null, nodes.size());
            outIds[k] = outs[k].id();
        }
        nodes.add(new Node(module, ids, outIds));
        return outs;
    }

    /**
     * Marks a feedback point: under DFA the gradient arriving here is replaced by this
     * point's slice of the projected error, and nothing crosses it downwards.
     *
     * @param t a tensor computed by a module (not a model input)
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} is not a tensor of this model or is already a
     *     feedback point
     */
    public Tensor feedback(Tensor t) {
        requireOpen();
        requireOwn(t, "feedback point");
        if (feedbackPoints.contains(t)) {
            throw new IllegalArgumentException("tensor " + t.name() + " is already a feedback point");
        }
        feedbackPoints.add(t);
        feedbackGroup.put(t, errorPoints.size());
        return t;
    }

    /**
     * Marks an error point: DFA's error e is the true gradient of the loss here (default, when no
     * error point is marked: the output). Everything between it and the loss trains by true
     * backprop. It may be marked more than once (several networks, each with its own DFA): each
     * mark opens an error group, numbered from 0 in marking order, and each feedback point belongs
     * to the error point marked next after it in building order (so mark a network's feedback
     * points, then its error point). When error points are marked, every feedback point must have
     * one marked after it, and must lie below it.
     *
     * @param t a tensor on the way to the output
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} is not a tensor of this model or already an error point
     */
    public Tensor error(Tensor t) {
        requireOpen();
        requireOwn(t, "error point");
        if (errorPoints.contains(t)) {
            throw new IllegalArgumentException("tensor " + t.name() + " is already an error point");
        }
        errorPoints.add(t);
        return t;
    }

    /**
     * @param output the prediction the loss reads
     * @return the graph
     * @throws IllegalArgumentException if {@code output} is not a tensor of this model, or the
     *     marks are inconsistent (a feedback point not below its error point, marked after the last
     *     error point, or a model input; an error point not on the way to the output), or two
     *     parameters share a name
     */
    public Graph build(Tensor output) {
        requireOpen();
        requireOwn(Objects.requireNonNull(output, "output"), "output");
        built = true;
        return new Graph(this, output);
    }

    /** Whether {@code t} is a tensor this builder made (not one of another model, nor null). */
    private boolean isOwn(Tensor t) {
        return t != null && t.id() >= 0 && t.id() < tensors.size() && tensors.get(t.id()) == t;
    }

    private Tensor requireOwn(Tensor t, String role) {
        Objects.requireNonNull(t, role);
        if (!isOwn(t)) {
            throw new IllegalArgumentException(role + " " + t.name() + " is not a tensor of this model");
        }
        return t;
    }

    private Tensor newTensor(String name, int width, Feed.Key<?> key, int producerNode) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("the model already has a tensor named '" + name + "'");
        }
        Tensor t = new Tensor(tensors.size(), name, width);
        tensors.add(t);
        byName.put(name, t);
        inputKeys.add(key);
        producer.add(producerNode);
        return t;
    }

    private void requireOpen() {
        if (built) {
            throw new IllegalStateException("this graph builder has already built its graph");
        }
    }
}
