package org.opudfa.cli;

import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.opu.OpuConfig;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The simulated OPU's options ({@link OpuRegistry}), for every command that builds one: name this
 * class as the command's {@code modelTransformer}.
 */
final class OpuSettingOptions extends SettingOptions {

    /** Called by picocli. */
    OpuSettingOptions() {
        super(OpuRegistry.SETTINGS);
    }

    /**
     * @param spec   a parsed command with the OPU's options
     * @param input  n
     * @param output m
     * @param seed   the device seed
     * @return the configuration its options describe
     * @throws IllegalArgumentException naming the first bad value
     */
    static OpuConfig config(CommandSpec spec, int input, int output, long seed) {
        return OpuRegistry.apply(values(spec, OpuRegistry.SETTINGS), OpuConfig.builder(input, output).seed(seed))
                .build();
    }
}
