/**
 * Fast numerical kernels shared by the projectors and the trainer: float matrix products on
 * batch-major, row-major EJML matrices, and the argument checks they share.
 *
 * <p>{@link org.opudfa.opu.kernel.Gemm} is the entry point. It computes with the JDK Vector API
 * when the JVM is started with {@code --add-modules jdk.incubator.vector}, and with plain Java
 * loops otherwise; {@link org.opudfa.opu.kernel.GemmImplementation} says which one is in use and
 * why.
 */
package org.opudfa.opu.kernel;
