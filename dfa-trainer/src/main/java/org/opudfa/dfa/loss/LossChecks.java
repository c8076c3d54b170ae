package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;

/** Argument checks shared by the losses. */
final class LossChecks {

    private LossChecks() {
    }

    static void requireMatching(FMatrixRMaj prediction, FMatrixRMaj target) {
        if (target.numRows != prediction.numRows || target.numCols != prediction.numCols) {
            throw new IllegalArgumentException("target must be " + prediction.numRows + "×" + prediction.numCols
                    + " (batch × outputs, like the prediction), got " + target.numRows + "×" + target.numCols);
        }
        if (prediction.numRows < 1) {
            throw new IllegalArgumentException("batch must have at least 1 row, got 0");
        }
    }

    static void requireDistinct(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient) {
        if (gradient == prediction || gradient == target) {
            throw new IllegalArgumentException("the gradient buffer must not be the prediction or the target");
        }
        gradient.reshape(prediction.numRows, prediction.numCols);
    }
}
