package org.opudfa.opu.kernel;

import org.ejml.data.FMatrixRMaj;

/**
 * Run in a separate JVM by {@link GemmImplementationTest}: reports on standard output which
 * implementation a JVM started without {@code --add-modules jdk.incubator.vector} chooses, what
 * asking for the vector one says, and one product.
 */
public final class ImplementationProbe {

    private ImplementationProbe() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("preferred=" + GemmImplementation.preferred());
        System.out.println("name=" + Gemm.implementationName());
        try (Gemm gemm = Gemm.withThreads(2, GemmImplementation.VECTOR)) {
            System.out.println("vector=" + gemm.implementation());
        } catch (IllegalArgumentException e) {
            System.out.println("error=" + e.getMessage());
        }
        FMatrixRMaj a = new FMatrixRMaj(new float[][] {{1, 2}, {3, 4}});
        FMatrixRMaj b = new FMatrixRMaj(new float[][] {{5, 6}, {7, 8}});
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        try (Gemm gemm = Gemm.withThreads(2)) {
            gemm.mult(a, b, c);
        }
        System.out.println("product=" + c.get(0, 0) + "," + c.get(0, 1) + "," + c.get(1, 0) + "," + c.get(1, 1));
    }
}
