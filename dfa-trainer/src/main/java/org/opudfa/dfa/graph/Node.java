package org.opudfa.dfa.graph;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Module;

/**
 * One application of a module in a {@link Graph}: which module, its call (the per-pass state),
 * the tensors it reads and writes, and the argument arrays reused every pass.
 */
final class Node {

    final Module module;
    final Call call;
    final int[] inputs;
    final int[] outputs;
    final FMatrixRMaj[] inputValues;
    final FMatrixRMaj[] gradOutputs;
    final boolean[] needInput;

    Node(Module module, int[] inputs, int[] outputs) {
        this.module = module;
        this.call = module.newCall();
        this.inputs = inputs;
        this.outputs = outputs;
        this.inputValues = new FMatrixRMaj[inputs.length];
        this.gradOutputs = new FMatrixRMaj[outputs.length];
        this.needInput = new boolean[inputs.length];
    }
}
