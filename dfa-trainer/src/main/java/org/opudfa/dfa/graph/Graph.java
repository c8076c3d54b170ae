package org.opudfa.dfa.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * A model: a directed acyclic graph of module applications over named {@link Tensor}s, with
 * one output (the prediction the loss reads), the feedback points and the error points of Direct
 * Feedback Alignment marked on tensors (DESIGN §7, TinyDFA's {@code DFALayer} and {@code DFA}).
 * Built with {@link #builder()}; nodes are kept in creation order, which is a topological order
 * (a node can only read tensors that exist), so forward runs them in order and backward in
 * reverse.
 *
 * <p>Per-pass state lives in the nodes' {@link org.opudfa.dfa.nn.Call}s, so one module may be
 * applied at several places (shared or tied weights). Tensor values of the last forward pass and
 * gradients of the last backward pass are kept by reference; buffers are reused, and a pass
 * allocates nothing once the batch shape is stable.
 *
 * <p>Backward ({@link #backward}) runs the nodes in reverse, adding the gradients a tensor receives
 * from all its consumers. With {@code cut} set, nothing crosses a feedback point downwards: the
 * gradient a feedback point sends to its producer is what the {@link GradientHook} supplies (DFA:
 * its slice of the projected error; shallow: none), and the hook sees the true gradient at the
 * error point first. Without it, backward is ordinary backpropagation through everything.
 *
 * <p>A cut pass can run its segments concurrently ({@link #backward(FMatrixRMaj, boolean,
 * GradientHook, TaskRunner)}): the <em>segment</em> of feedback point l is the set of nodes from
 * which l is reached without crossing another feedback point ({@link #segmentParameters}), and
 * once the nodes above every feedback point have run (the hook has then seen the error), each
 * segment depends only on its own injected gradient.
 *
 * <p><em>Error groups.</em> A model may mark several error points (say two networks trained
 * together, each with its own DFA): error point g and the feedback points that belong to it form
 * error group g, numbered in marking order. Each feedback point belongs to the error point marked
 * next after it in building order ({@link GraphBuilder#error}); a model that marks no error point has one
 * group whose error point is the output. The hook is told which group's error it sees
 * ({@link GradientHook#onError(int, FMatrixRMaj)}).
 */
public final class Graph {

    private final Tensor[] tensors;
    private final Map<String, Tensor> byName;
    private final Feed.Key<?>[] inputKeys;
    private final int[] producer;
    private final Node[] nodes;
    private final Tensor output;
    private final List<Tensor> feedbackPoints;
    private final List<Tensor> errorPoints;
    /** per feedback point (in {@link #feedbackPoints} order), its error group */
    private final int[] groupOfPoint;
    /** per tensor id, the error group whose error point it is, or -1 */
    private final int[] errorGroup;
    private final int[] feedbackIndex;
    private final Topology topology;
    private final List<Parameter> parameters;
    private final Map<String, FMatrixRMaj> buffers;
    private final Map<String, RestorableUniformRandomProvider> randomStreams;
    private final Parameter[] parameterArray;
    private final boolean[] needsGradFull;
    private final boolean[] needsGradCut;
    private final FMatrixRMaj[] values;
    private final FMatrixRMaj[] grads;
    private final boolean[] gradOwned;
    private final FMatrixRMaj[] gradBuffers;
    private final SegmentPlan plan;
    private final WorkerTask segmentTask = this::backwardSegment;
    /** the hook of the cut pass whose segments are running, for the segment tasks */
    private GradientHook passHook;
    private long forwardPasses;

    Graph(GraphBuilder b, Tensor output) {
        this.tensors = b.tensors.toArray(new Tensor[0]);
        this.byName = Map.copyOf(b.byName);
        this.inputKeys = b.inputKeys.toArray(new Feed.Key<?>[0]);
        this.producer = b.producer.stream().mapToInt(Integer::intValue).toArray();
        this.nodes = b.nodes.toArray(new Node[0]);
        this.output = output;
        List<Tensor> points = new ArrayList<>(b.feedbackPoints);
        points.sort((x, y) -> Integer.compare(x.id(), y.id()));
        this.feedbackPoints = List.copyOf(points);
        this.errorPoints = b.errorPoints.isEmpty() ? List.of(output) : List.copyOf(b.errorPoints);
        this.groupOfPoint = new int[feedbackPoints.size()];
        for (int l = 0; l < groupOfPoint.length; l++) {
            Tensor t = feedbackPoints.get(l);
            int group = b.errorPoints.isEmpty() ? 0 : b.feedbackGroup.get(t);
            if (group == errorPoints.size()) {
                throw new IllegalArgumentException("feedback point " + t.name() + " is marked after the last error "
                        + "point " + errorPoints.get(group - 1).name() + "; mark each feedback point before the error "
                        + "point it belongs to");
            }
            groupOfPoint[l] = group;
        }
        this.topology = new Topology(tensors, nodes, output, errorPoints, feedbackPoints);
        this.feedbackIndex = topology.feedbackIndex;
        int n = tensors.length;
        this.errorGroup = new int[n];
        Arrays.fill(errorGroup, -1);
        boolean[] ancestorsOfOutput = topology.ancestors(output.id(), false);
        boolean[][] ancestorsOfError = new boolean[errorPoints.size()][];
        for (int g = 0; g < errorPoints.size(); g++) {
            Tensor errorPoint = errorPoints.get(g);
            errorGroup[errorPoint.id()] = g;
            if (!ancestorsOfOutput[errorPoint.id()]) {
                throw new IllegalArgumentException("the error point " + errorPoint.name()
                        + " must lie on the way to the output " + output.name());
            }
            ancestorsOfError[g] = topology.ancestors(errorPoint.id(), false);
        }
        for (int l = 0; l < groupOfPoint.length; l++) {
            Tensor t = feedbackPoints.get(l);
            Tensor errorPoint = errorPoints.get(groupOfPoint[l]);
            if (!ancestorsOfError[groupOfPoint[l]][t.id()]) {
                throw new IllegalArgumentException("feedback point " + t.name()
                        + " must lie below the error point " + errorPoint.name()
                        + " (the error is projected before any feedback point is reached)");
            }
            if (producer[t.id()] < 0) {
                throw new IllegalArgumentException("feedback point " + t.name()
                        + " is a model input: nothing below it could learn from the feedback");
            }
        }
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        Set<String> names = new HashSet<>();
        List<Parameter> params = new ArrayList<>();
        for (Node node : nodes) {
            for (Parameter p : node.module.parameters()) {
                if (seen.put(p, Boolean.TRUE) == null) {
                    if (!names.add(p.name())) {
                        throw new IllegalArgumentException("parameter names must be unique within a model, but '"
                                + p.name() + "' appears more than once");
                    }
                    params.add(p);
                }
            }
        }
        this.parameters = List.copyOf(params);
        Map<Module, Boolean> seenModules = new IdentityHashMap<>();
        Map<String, FMatrixRMaj> bufs = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (seenModules.put(node.module, Boolean.TRUE) == null) {
                for (Map.Entry<String, FMatrixRMaj> e : node.module.buffers().entrySet()) {
                    if (names.contains(e.getKey()) || bufs.put(e.getKey(), e.getValue()) != null) {
                        throw new IllegalArgumentException("parameter and buffer names must be unique within a model, "
                                + "but '" + e.getKey() + "' appears more than once");
                    }
                }
            }
        }
        this.buffers = Collections.unmodifiableMap(bufs);
        this.randomStreams = Collections.unmodifiableMap(randomStreams(nodes));
        this.parameterArray = params.toArray(new Parameter[0]);
        this.needsGradFull = topology.needsGrad(false);
        this.needsGradCut = topology.needsGrad(true);
        this.values = new FMatrixRMaj[n];
        this.grads = new FMatrixRMaj[n];
        this.gradOwned = new boolean[n];
        this.gradBuffers = new FMatrixRMaj[n];
        for (int t = 0; t < n; t++) {
            gradBuffers[t] = new FMatrixRMaj(1, 1);
        }
        this.plan = new SegmentPlan(topology);
    }

    /** @return a builder for a new graph */
    public static GraphBuilder builder() {
        return new GraphBuilder();
    }

    /** @return the prediction tensor the loss reads */
    public Tensor output() {
        return output;
    }

    /**
     * @param group an error group, from 0
     * @return the tensor whose true gradient is that group's DFA error e (the output when the model
     *     marks no error point)
     */
    public Tensor errorPoint(int group) {
        return errorPoints.get(group);
    }

    /** @return the error points, one per error group, in marking order (the output alone when none is marked) */
    public List<Tensor> errorPoints() {
        return errorPoints;
    }

    /**
     * @param point a feedback point's index, in {@link #feedbackPoints()} order
     * @return the error group it belongs to: that of the error point marked next after it
     */
    public int errorGroup(int point) {
        return groupOfPoint[point];
    }

    /** @return the feedback points, in forward order */
    public List<Tensor> feedbackPoints() {
        return feedbackPoints;
    }

    /** @return every tensor, in creation order */
    public List<Tensor> tensors() {
        return List.of(tensors);
    }

    /**
     * @param name a tensor name
     * @return the tensor
     * @throws IllegalArgumentException if the graph has no tensor of that name
     */
    public Tensor tensor(String name) {
        Tensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the model has no tensor '" + name + "'");
        }
        return t;
    }

    /** @return every trainable parameter, once each, in order of first use */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * @return the state of the modules that is not trained but travels with the parameters in a
     *     checkpoint (running statistics), by name, once each, in order of first use; updated in place
     */
    public Map<String, FMatrixRMaj> buffers() {
        return buffers;
    }

    /**
     * @return the random streams the modules draw from in training passes ({@link Module#randomStreams()}),
     *     each generator once, under the first name it was given in order of first use; their states
     *     travel in a checkpoint
     */
    public Map<String, RestorableUniformRandomProvider> randomStreams() {
        return randomStreams;
    }

    /** Collects the modules' random streams, each generator once (modules may share one). */
    private static Map<String, RestorableUniformRandomProvider> randomStreams(Node[] nodes) {
        Map<Module, Boolean> seenModules = new IdentityHashMap<>();
        Map<RestorableUniformRandomProvider, Boolean> seenStreams = new IdentityHashMap<>();
        Map<String, RestorableUniformRandomProvider> streams = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (seenModules.put(node.module, Boolean.TRUE) != null) {
                continue;
            }
            for (Map.Entry<String, RestorableUniformRandomProvider> e : node.module.randomStreams().entrySet()) {
                if (seenStreams.put(e.getValue(), Boolean.TRUE) != null) {
                    continue;
                }
                if (streams.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("random stream names must be unique within a model, but '"
                            + e.getKey() + "' appears more than once");
                }
            }
        }
        return streams;
    }

    /** @return the modules applied, once each, in order of first application */
    public List<Module> modules() {
        Map<Module, Boolean> seen = new IdentityHashMap<>();
        List<Module> list = new ArrayList<>();
        for (Node node : nodes) {
            if (seen.put(node.module, Boolean.TRUE) == null) {
                list.add(node.module);
            }
        }
        return list;
    }

    /** Sets the gradient of every parameter to zero. */
    public void zeroGrad() {
        for (Parameter p : parameterArray) {
            p.zeroGrad();
        }
    }

    /**
     * Runs every node in order.
     *
     * @param feed     the batch: the model inputs and the side inputs of its modules
     * @param training whether this is a training pass
     * @return the output's value, owned by the node that computed it
     * @throws IllegalArgumentException if an input is missing or has the wrong width
     */
    public FMatrixRMaj forward(Feed feed, boolean training) {
        for (int t = 0; t < tensors.length; t++) {
            if (inputKeys[t] != null) {
                FMatrixRMaj v = (FMatrixRMaj) feed.get(inputKeys[t]);
                if (v.numCols != tensors[t].width()) {
                    throw new IllegalArgumentException("model input " + tensors[t].name() + " must have "
                            + tensors[t].width() + " columns, got " + v.numCols);
                }
                values[t] = v;
            }
        }
        forwardPasses++;
        for (Node node : nodes) {
            for (int i = 0; i < node.inputs.length; i++) {
                node.inputValues[i] = values[node.inputs[i]];
            }
            FMatrixRMaj[] outs = node.call.forward(node.inputValues, feed, training);
            for (int i = 0; i < node.outputs.length; i++) {
                values[node.outputs[i]] = outs[i];
            }
        }
        return values[output.id()];
    }

    /** @return how many forward passes this graph has run */
    public long forwardPasses() {
        return forwardPasses;
    }

    /**
     * @param t a tensor of this graph
     * @return its value in the last forward pass (owned by the graph's nodes or the feed)
     * @throws IllegalStateException before the first forward pass
     */
    public FMatrixRMaj value(Tensor t) {
        FMatrixRMaj v = values[t.id()];
        if (v == null) {
            throw new IllegalStateException("tensor " + t.name() + " has no value before the first forward pass");
        }
        return v;
    }

    /**
     * @param t a tensor of this graph
     * @return its gradient in the last backward pass, or null if none reached it (a feedback point
     *     under a cut backward holds what the hook supplied)
     */
    public FMatrixRMaj gradient(Tensor t) {
        return grads[t.id()];
    }

    /**
     * Backward pass for the last forward pass, adding every reached parameter's gradient (they
     * are not zeroed first).
     *
     * @param gradOutput ∂L/∂output, rows × output width
     * @param cut        whether feedback points cut the pass (DFA, shallow) or not (BP, FA)
     * @param hook       what happens at the error and feedback points; required with {@code cut}, may
     *                   be null otherwise
     */
    public void backward(FMatrixRMaj gradOutput, boolean cut, GradientHook hook) {
        backward(gradOutput, cut, hook, null);
    }

    /**
     * Backward pass for the last forward pass, as {@link #backward(FMatrixRMaj, boolean,
     * GradientHook)}, with the segments of a cut pass run concurrently on {@code segments}.
     *
     * <p>With {@code cut} and a runner, the nodes above every feedback point run first, in reverse
     * order (the hook sees the error among them), then each feedback point's segment is one task of
     * {@code segments}: its nodes in reverse order, starting from the gradient
     * {@link GradientHook#feedback} supplies. The tasks are handed out largest segment first (by
     * parameter scalars). The hook's {@code feedback(l)} is then called from the
     * runner's threads, several at once for different l. Every node runs exactly the computation it
     * runs in the sequential pass, in the same order within its segment, and segments share no
     * tensor, module or parameter, so the gradients are bit for bit those of the sequential pass
     * provided the modules' products give the same bits on any thread (those of
     * {@link org.opudfa.opu.kernel.Gemm} do). The segments only run side by side if the modules'
     * products can: with a {@code Gemm} as the runner, the modules should multiply with that same
     * {@code Gemm}, whose products issued inside its own job run on the task's thread (another
     * instance would take them one at a time).
     *
     * <p>The pass is sequential, as without a runner, when {@code cut} is false, when the model has
     * fewer than two feedback points, or when its segments are not independent
     * ({@link #segmentDependence()}). Nodes that reach neither the output nor a feedback point get
     * no gradient either way and are not run.
     *
     * @param gradOutput ∂L/∂output, rows × output width
     * @param cut        whether feedback points cut the pass (DFA, shallow) or not (BP, FA)
     * @param hook       what happens at the error and feedback points; required with {@code cut}, may
     *                   be null otherwise; with a runner, its {@code feedback} must be safe to call
     *                   from several threads at once for different points
     * @param segments   runs the segments of a cut pass as concurrent tasks, or null for a sequential pass
     */
    public void backward(FMatrixRMaj gradOutput, boolean cut, GradientHook hook, TaskRunner segments) {
        if (cut) {
            Objects.requireNonNull(hook, "a cut backward pass needs a gradient hook");
        }
        boolean[] need = cut ? needsGradCut : needsGradFull;
        Arrays.fill(grads, null);
        Arrays.fill(gradOwned, false);
        grads[output.id()] = gradOutput;
        if (cut && segments != null && plan.segmentNodes.length > 1 && plan.dependence == null) {
            for (int i : plan.aboveNodes) {
                backwardNode(nodes[i], true, need, hook);
            }
            passHook = hook;
            try {
                segments.forEachTask(plan.segmentNodes.length, segmentTask);
            } finally {
                passHook = null;
            }
            return;
        }
        for (int i = nodes.length - 1; i >= 0; i--) {
            backwardNode(nodes[i], cut, need, hook);
        }
    }

    /** The nodes of one feedback point's segment, in reverse order: one task of a concurrent cut pass. */
    private void backwardSegment(int worker, int task) {
        GradientHook hook = passHook;
        for (int i : plan.segmentNodes[plan.segmentOrder[task]]) {
            backwardNode(nodes[i], true, needsGradCut, hook);
        }
    }

    /**
     * Runs one node backward: tells the hook about the error when the node computed the error
     * point, takes the hook's gradient for a feedback point it computed under a cut, and adds the
     * input gradients it returns to those of its input tensors.
     */
    private void backwardNode(Node node, boolean cut, boolean[] need, GradientHook hook) {
        boolean any = false;
        for (int k = 0; k < node.outputs.length; k++) {
            int out = node.outputs[k];
            FMatrixRMaj g = grads[out];
            if (errorGroup[out] >= 0 && hook != null && g != null) {
                hook.onError(errorGroup[out], g);
            }
            if (cut && feedbackIndex[out] >= 0) {
                g = hook.feedback(feedbackIndex[out]);
                grads[out] = g;
            }
            node.gradOutputs[k] = g;
            any |= g != null;
        }
        if (!any) {
            return;
        }
        for (int k = 0; k < node.inputs.length; k++) {
            node.needInput[k] = need[node.inputs[k]];
        }
        FMatrixRMaj[] gin = node.call.backward(node.gradOutputs, node.needInput);
        for (int k = 0; k < node.inputs.length; k++) {
            if (node.needInput[k] && gin[k] != null) {
                accumulate(node.inputs[k], gin[k]);
            }
        }
    }

    /**
     * @return why the segments of a cut backward pass cannot run concurrently (one sentence), or
     *     empty if they can: a node in two segments, or both above the feedback points and in a
     *     segment; a module applied, or a parameter used, in two segments, or both above the
     *     feedback points and in a segment (its gradient would be summed in another order, or by two
     *     threads at once); or an error point being itself a feedback point, or lying below one (the
     *     error would only be known inside a segment)
     */
    public Optional<String> segmentDependence() {
        return Optional.ofNullable(plan.dependence);
    }

    private void accumulate(int t, FMatrixRMaj g) {
        FMatrixRMaj current = grads[t];
        if (current == null) {
            grads[t] = g;
            return;
        }
        if (current.numRows != g.numRows || current.numCols != g.numCols) {
            throw new IllegalStateException("gradients of tensor " + tensors[t].name() + " disagree in shape: "
                    + current.numRows + "×" + current.numCols + " and " + g.numRows + "×" + g.numCols);
        }
        int n = g.getNumElements();
        if (!gradOwned[t]) {
            FMatrixRMaj buffer = gradBuffers[t];
            buffer.reshape(current.numRows, current.numCols);
            System.arraycopy(current.data, 0, buffer.data, 0, n);
            grads[t] = buffer;
            gradOwned[t] = true;
        }
        float[] sum = grads[t].data;
        float[] add = g.data;
        for (int j = 0; j < n; j++) {
            sum[j] += add[j];
        }
    }

    /**
     * The parameters that learn from feedback point {@code l} under DFA: those of the nodes from
     * which the point is reached without crossing another feedback point (for an MLP, the dense
     * layer of block l).
     *
     * @param l feedback point index
     * @return the parameters, once each, in model order
     */
    public List<Parameter> segmentParameters(int l) {
        return topology.parametersOfNodesReaching(feedbackPoints.get(l).id());
    }

    /**
     * @return the parameters that learn from the true gradient of the loss when feedback points
     *     cut the backward pass: those above every feedback point (for an MLP, the output layer).
     *     The shallow baseline trains these only. Empty when the output is itself a feedback point
     *     (its gradient is then replaced too).
     */
    public List<Parameter> parametersAboveFeedback() {
        if (feedbackIndex[output.id()] >= 0) {
            return List.of();
        }
        return topology.parametersOfNodesReaching(output.id());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Graph[");
        for (Node node : nodes) {
            s.append('\n').append("  ").append(topology.describe(node));
        }
        return s.append("\n  output ").append(output.name()).append(", error ")
                .append(errorPoints.stream().map(Tensor::name).toList())
                .append(", feedback ").append(feedbackPoints.stream().map(Tensor::name).toList()).append(']')
                .toString();
    }
}
