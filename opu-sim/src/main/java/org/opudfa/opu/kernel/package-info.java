/**
 * Fast numerical kernels shared by the projectors and the trainer: float matrix products on
 * batch-major, row-major EJML matrices.
 */
package org.opudfa.opu.kernel;
