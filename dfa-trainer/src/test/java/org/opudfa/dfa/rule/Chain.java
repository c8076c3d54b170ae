package org.opudfa.dfa.rule;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;

/** A module made of one-input modules applied in order: a composite, for rules that look inside modules. */
final class Chain extends UnaryModule {

    private final List<UnaryModule> parts;

    Chain(String name, UnaryModule... parts) {
        super(name);
        this.parts = List.of(parts);
    }

    @Override
    public int outputWidth(int inputWidth) {
        int w = inputWidth;
        for (UnaryModule m : parts) {
            w = m.outputWidth(w);
        }
        return w;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        parts.forEach(m -> all.addAll(m.parameters()));
        return all;
    }

    @Override
    public List<Module> children() {
        return List.copyOf(parts);
    }

    @Override
    public UnaryCall newCall() {
        Module[] modules = parts.toArray(new Module[0]);
        FMatrixRMaj[][] in = new FMatrixRMaj[modules.length][1];
        org.opudfa.dfa.nn.Call[] calls = new org.opudfa.dfa.nn.Call[modules.length];
        for (int i = 0; i < modules.length; i++) {
            calls[i] = modules[i].newCall();
        }
        return new UnaryCall() {
            @Override
            protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
                FMatrixRMaj h = input;
                for (int i = 0; i < calls.length; i++) {
                    in[i][0] = h;
                    h = calls[i].forward(in[i], feed, training)[0];
                }
                return h;
            }

            @Override
            protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
                FMatrixRMaj g = gradOutput;
                for (int i = calls.length - 1; i >= 0; i--) {
                    g = calls[i].backward(new FMatrixRMaj[] {g}, new boolean[] {i > 0 || needInput})[0];
                }
                return g;
            }
        };
    }
}
