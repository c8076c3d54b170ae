package org.opudfa.opu.kernel;

/**
 * The operands of one product {@code C = α·op(A)·op(B) + β·C}, as raw row-major arrays, plus
 * the k-blocking every tile of that product uses.
 *
 * <p>A {@link Gemm} has one for its products and one per worker for the products that worker
 * issues from inside a job (which it computes alone); each is refilled for every product, so that
 * a product allocates nothing. Workers read it only between the owner's publication of the job and
 * the end of the product.
 */
final class GemmOperands {

    boolean transA;
    boolean transB;
    float alpha;
    float beta;
    float[] a;
    float[] b;
    float[] c;
    /** a row vector of length {@code n} added to every row of {@code C}, or null for none */
    float[] row;
    /** row stride of the stored {@code A}, {@code B} and {@code C} */
    int lda;
    int ldb;
    int ldc;
    /** {@code op(A)} is {@code m × k}, {@code op(B)} is {@code k × n} */
    int m;
    int n;
    int k;
    /** depth of one k-block; the same for every tile, so each entry sums in one fixed order */
    int kc;
    /** rows and columns of one tile of {@code C} (one task) */
    int tileRows;
    int tileCols;
    /** number of tiles along the columns of {@code C} */
    int tilesAcross;
    /** number of tiles in all */
    int tiles;
    /**
     * counts the products this record has been filled for, so that a worker's buffers can tell
     * whether the packed {@code op(B)} they hold is this product's
     */
    long generation;

    /** Drops the references to the caller's arrays once a product is done. */
    void release() {
        a = null;
        b = null;
        c = null;
        row = null;
    }
}
