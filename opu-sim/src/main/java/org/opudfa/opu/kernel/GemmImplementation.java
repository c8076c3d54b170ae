package org.opudfa.opu.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * The ways {@link Gemm} can compute, and which of them this JVM can run.
 *
 * <p>The choice is made once, when this class is initialised: the Vector API kernel is loaded by
 * name if the module {@code jdk.incubator.vector} is in the boot layer (start the JVM with
 * {@code --add-modules jdk.incubator.vector}), the JIT compiler that turns it into SIMD
 * instructions is on, the CPU has fused multiply-add and vectors hold at least four floats. If
 * any of that fails, or loading throws anything at all, only the scalar kernel is available and
 * {@link #unavailableReason()} says why.
 */
public enum GemmImplementation {

    /** Register-blocked micro-kernel on {@code jdk.incubator.vector.FloatVector}. */
    VECTOR,

    /** Plain Java loops that the JIT compiler vectorises; runs on any JVM. */
    SCALAR;

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL_CLASS = "org.opudfa.opu.kernel.VectorGemmKernel";
    /** the narrowest vector, in floats, that beats the scalar kernel */
    private static final int MIN_LANES = 4;

    /** Kernels are built in a holder so that the enum constants exist before the probing runs. */
    private static final class Kernels {
        static final GemmKernel SCALAR_KERNEL = new ScalarGemmKernel();
        static final GemmKernel VECTOR_KERNEL;
        static final String VECTOR_PROBLEM;

        static {
            GemmKernel kernel = null;
            String problem;
            try {
                problem = vectorProblem();
                if (problem == null) {
                    kernel = (GemmKernel) Class.forName(VECTOR_KERNEL_CLASS).getDeclaredConstructor()
                            .newInstance();
                    if (kernel.nr < 2 * MIN_LANES) {
                        problem = "vectors hold only " + kernel.nr / 2 + " floats, fewer than "
                                + MIN_LANES;
                        kernel = null;
                    }
                }
            } catch (Throwable e) {
                // any failure to link or initialise the Vector API means: use the scalar kernel
                kernel = null;
                problem = "the Vector API kernel could not be loaded (" + e + ")";
            }
            VECTOR_KERNEL = kernel;
            VECTOR_PROBLEM = problem;
        }

        private Kernels() {
        }
    }

    /**
     * @return the fastest implementation this JVM can run: {@link #VECTOR} if available, else
     *     {@link #SCALAR}
     */
    public static GemmImplementation preferred() {
        return Kernels.VECTOR_KERNEL != null ? VECTOR : SCALAR;
    }

    /** @return whether this JVM can run this implementation */
    public boolean isAvailable() {
        return this == SCALAR || Kernels.VECTOR_KERNEL != null;
    }

    /** @return why this implementation is not available, or an empty string if it is */
    public String unavailableReason() {
        return isAvailable() ? "" : Kernels.VECTOR_PROBLEM;
    }

    /**
     * @return a one-line description: the kernel's shape if available (for example
     *     {@code "vector (jdk.incubator.vector, 512-bit, 8×32 micro-kernel)"}), else why not
     */
    public String description() {
        if (!isAvailable()) {
            return name().toLowerCase(Locale.ROOT) + " (unavailable: " + unavailableReason() + ")";
        }
        return kernel().description();
    }

    /**
     * @return the kernel
     * @throws IllegalArgumentException if this implementation is not available
     */
    GemmKernel kernel() {
        if (this == SCALAR) {
            return Kernels.SCALAR_KERNEL;
        }
        if (Kernels.VECTOR_KERNEL == null) {
            throw new IllegalArgumentException("implementation VECTOR is not available in this JVM: "
                    + Kernels.VECTOR_PROBLEM);
        }
        return Kernels.VECTOR_KERNEL;
    }

    /** @return why the Vector API kernel should not be used here, or null if nothing is wrong */
    private static String vectorProblem() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return "the module " + VECTOR_MODULE + " is not enabled (start java with --add-modules "
                    + VECTOR_MODULE + ")";
        }
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (Throwable e) {
            // not a HotSpot VM, or no management module: nothing more can be checked
            return null;
        }
        if (vm == null) {
            return null;
        }
        if ("false".equals(option(vm, "UseCompiler"))) {
            return "the JIT compiler is off (-Xint), and the Vector API is very slow without it";
        }
        String stopAt = option(vm, "TieredStopAtLevel");
        if ("true".equals(option(vm, "TieredCompilation")) && stopAt != null
                && Integer.parseInt(stopAt) < 4) {
            return "the optimising JIT compiler is disabled (-XX:TieredStopAtLevel=" + stopAt
                    + "), and the Vector API is very slow without it";
        }
        if ("false".equals(option(vm, "UseFMA"))) {
            return "the CPU has no fused multiply-add instruction";
        }
        return null;
    }

    /** @return the value of a HotSpot option, or null if this VM does not have it */
    private static String option(HotSpotDiagnosticMXBean vm, String name) {
        try {
            VMOption option = vm.getVMOption(name);
            return option.getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
