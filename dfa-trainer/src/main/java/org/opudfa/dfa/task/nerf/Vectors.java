package org.opudfa.dfa.task.nerf;

/** The few 3-vector operations the cameras need, on {@code double[3]}. */
final class Vectors {

    private Vectors() {
    }

    static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    }

    /** @throws IllegalArgumentException with {@code whenZero} if the vector is (nearly) zero */
    static double[] normalised(double[] a, String whenZero) {
        double n = norm(a);
        if (!(n > 1e-12)) {
            throw new IllegalArgumentException(whenZero);
        }
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
