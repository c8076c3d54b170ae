package org.opudfa.dfa.task.recsys;

import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * Field embeddings: one table {@code V} of {@code vocabulary × k} rows shared by all fields (each
 * field owns a range of ids, see {@link ClickVocabulary}), looked up for the ids of each record
 * and laid side by side, {@code y[r, f·k + d] = V[id(r, f), d]}: rows × (fields·k). The module
 * takes no tensor input; it reads the ids from the batch under the key it was built with. With
 * {@code k = 1} and a zero initialisation it is the first-order weights of a factorization machine.
 *
 * <p>Backward scatters the output gradient back into the looked-up rows,
 * {@code ∂V[id(r, f), d] += ∂y[r, f·k + d]}; rows not in the batch get no gradient.
 *
 * <p>Given the run's threads (a {@link Gemm} of more than one), a batch of at least
 * {@link #PARALLEL_ENTRIES} looked-up entries is gathered as blocks of records, and scattered as
 * ranges of table rows, about {@link #RANGES_PER_THREAD} per thread, each task adding only into its
 * own rows. The calling thread first sorts the batch's entries by range (a stable counting sort,
 * ranges of a power-of-two number of rows so that an id's range is a shift), so that each task
 * goes through its own entries only, in batch order: every gradient entry receives the same terms
 * in the same order as on one thread, so the results do not depend on the thread count. (Each
 * task going through the whole batch and skipping the ids of other ranges, as an earlier form did,
 * spent most of its time on mispredicted branches: on 2 threads it was slower than one thread.)
 */
public final class FieldEmbedding implements Module {

    /** Batches with fewer looked-up entries (records × fields × k) are computed on the calling thread alone. */
    public static final int PARALLEL_ENTRIES = 1 << 16;
    /** Records per parallel gathering task. */
    public static final int RECORD_BLOCK = 256;
    /** Ranges of table rows scattered into per thread (each range's task reads all the batch's ids). */
    public static final int RANGES_PER_THREAD = 2;

    private final String name;
    private final Feed.Key<FieldIds> ids;
    private final int fields;
    private final int dim;
    private final Parameter table;
    private final Gemm runner;
    /** log₂ of the table rows per scatter range */
    private final int rangeShift;
    private final int scatterRanges;

    /**
     * @param name       the module's name; the table is {@code name.table}
     * @param ids        where the batch holds the ids
     * @param fields     ids per record
     * @param vocabulary rows of the table
     * @param dim        k, the embedding size
     * @param std        standard deviation of the Gaussian initial values (0 for zeros)
     * @param rng        the stream initial values are drawn from
     * @throws IllegalArgumentException on a non-positive size or a negative deviation
     */
    public FieldEmbedding(String name, Feed.Key<FieldIds> ids, int fields, int vocabulary, int dim, double std,
                          UniformRandomProvider rng) {
        this(name, ids, fields, vocabulary, dim, std, rng, null);
    }

    /**
     * A field embedding whose look-ups and scatters of large batches run on {@code runner}.
     *
     * @param name       the module's name; the table is {@code name.table}
     * @param ids        where the batch holds the ids
     * @param fields     ids per record
     * @param vocabulary rows of the table
     * @param dim        k, the embedding size
     * @param std        standard deviation of the Gaussian initial values (0 for zeros)
     * @param rng        the stream initial values are drawn from
     * @param runner     the run's threads, or null for the calling thread only
     * @throws IllegalArgumentException on a non-positive size or a negative deviation
     */
    public FieldEmbedding(String name, Feed.Key<FieldIds> ids, int fields, int vocabulary, int dim, double std,
                          UniformRandomProvider rng, Gemm runner) {
        this.runner = runner == null || runner.threads() == 1 ? null : runner;
        // ranges of 2^rangeShift rows: the fewest rows per range that leave at most RANGES_PER_THREAD ranges per thread
        int target = this.runner == null ? 1 : RANGES_PER_THREAD * this.runner.threads();
        int shift = 0;
        long ranges = vocabulary;
        while (ranges > target) {
            shift++;
            ranges = ((long) vocabulary + (1L << shift) - 1) >> shift;
        }
        this.rangeShift = shift;
        this.scatterRanges = (int) ranges;
        this.name = Objects.requireNonNull(name, "name");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (fields < 1 || vocabulary < 1 || dim < 1) {
            throw new IllegalArgumentException("field embedding '" + name + "' needs at least 1 field, 1 id and a size "
                    + "of at least 1, got " + fields + " fields, " + vocabulary + " ids and size " + dim);
        }
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("field embedding '" + name + "' initial deviation must be finite and "
                    + "non-negative, got " + std);
        }
        this.fields = fields;
        this.dim = dim;
        FMatrixRMaj v = new FMatrixRMaj(vocabulary, dim);
        if (std > 0) {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < v.data.length; i++) {
                v.data[i] = (float) (std * gauss.sample());
            }
        }
        this.table = new Parameter(name + ".table", v);
    }

    /** @return the table V, vocabulary × k */
    public Parameter table() {
        return table;
    }

    /** @return ids per record */
    public int fields() {
        return fields;
    }

    /** @return k, the embedding size */
    public int dim() {
        return dim;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(table);
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length != 0) {
            throw new IllegalArgumentException("field embedding '" + name + "' takes no tensor input (it reads the "
                    + "batch's ids), got " + inputWidths.length);
        }
        return new int[] {fields * dim};
    }

    @Override
    public Call newCall() {
        return new EmbeddingCall();
    }

    @Override
    public String toString() {
        return "FieldEmbedding(" + name + ", " + fields + " fields × " + dim + ", " + table.value().numRows + " ids)";
    }

    /** One application: the ids of the last pass and the output buffer. */
    private final class EmbeddingCall implements Call {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] outputs = {output};
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[0];
        private final WorkerTask gatherBlock = this::gatherBlock;
        private final WorkerTask scatterRange = this::scatterRange;
        private FieldIds last;
        private FMatrixRMaj gradOutput;
        /** the batch's entries grouped by scatter range, in batch order within a range */
        private int[] order = new int[0];
        /** where each range's entries start in {@link #order}, and the end */
        private final int[] rangeStart = new int[scatterRanges + 1];

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            FieldIds batch = feed.get(ids);
            if (batch.fields() != fields) {
                throw new IllegalArgumentException("field embedding '" + name + "' takes " + fields
                        + " ids per record, got " + batch.fields());
            }
            int rows = batch.rows();
            output.reshape(rows, fields * dim);
            last = batch;
            try {
                if (parallel(rows)) {
                    runner.forEachTask((rows + RECORD_BLOCK - 1) / RECORD_BLOCK, gatherBlock);
                } else {
                    gather(0, rows);
                }
            } catch (IllegalArgumentException e) {
                // an id outside the table: no pass to go back through
                last = null;
                throw e;
            }
            return outputs;
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (last == null) {
                throw new IllegalStateException("field embedding '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            if (g.numRows != last.rows() || g.numCols != fields * dim) {
                throw new IllegalArgumentException("output gradient of field embedding '" + name + "' must be "
                        + last.rows() + "×" + (fields * dim) + ", got " + g.numRows + "×" + g.numCols);
            }
            gradOutput = g;
            table.grad();
            if (parallel(last.rows())) {
                sortByRange();
                runner.forEachTask(scatterRanges, scatterRange);
            } else {
                scatter();
            }
            gradOutput = null;
            return gradInputs;
        }

        private boolean parallel(int rows) {
            return runner != null && (long) rows * fields * dim >= PARALLEL_ENTRIES;
        }

        private void gatherBlock(int worker, int block) {
            gather(block * RECORD_BLOCK, Math.min(last.rows(), (block + 1) * RECORD_BLOCK));
        }

        /** Copies the table rows of records {@code r0 ≤ r < r1} into the output. */
        private void gather(int r0, int r1) {
            int[] id = last.ids();
            float[] v = table.value().data;
            float[] y = output.data;
            int vocabulary = table.value().numRows;
            for (int i = r0 * fields, end = r1 * fields; i < end; i++) {
                int row = id[i];
                if (row < 0 || row >= vocabulary) {
                    throw new IllegalArgumentException("field embedding '" + name + "' has ids 0 to "
                            + (vocabulary - 1) + ", got " + row);
                }
                System.arraycopy(v, row * dim, y, i * dim, dim);
            }
        }

        /** Groups the batch's entries by scatter range in {@link #order}: a stable counting sort. */
        private void sortByRange() {
            int n = last.rows() * fields;
            int[] id = last.ids();
            if (order.length < n) {
                order = new int[n];
            }
            int[] start = rangeStart;
            java.util.Arrays.fill(start, 0);
            int shift = rangeShift;
            for (int i = 0; i < n; i++) {
                start[(id[i] >>> shift) + 1]++;
            }
            for (int r = 0; r < scatterRanges; r++) {
                start[r + 1] += start[r];
            }
            // place each entry at its range's next free slot, then shift the starts back
            for (int i = 0; i < n; i++) {
                order[start[id[i] >>> shift]++] = i;
            }
            for (int r = scatterRanges; r > 0; r--) {
                start[r] = start[r - 1];
            }
            start[0] = 0;
        }

        /** The scatter of one range's entries (see {@link #sortByRange}) into its table rows. */
        private void scatterRange(int worker, int range) {
            int[] id = last.ids();
            int[] entries = order;
            float[] gv = table.grad().data;
            float[] gy = gradOutput.data;
            for (int k = rangeStart[range], end = rangeStart[range + 1]; k < end; k++) {
                int i = entries[k];
                addRow(gv, id[i] * dim, gy, i * dim);
            }
        }

        /** {@code ∂V[id, ·] += ∂y[entry, ·]} for the batch's entries, in order, on the calling thread. */
        private void scatter() {
            int n = last.rows() * fields;
            int[] id = last.ids();
            float[] gv = table.grad().data;
            float[] gy = gradOutput.data;
            for (int i = 0; i < n; i++) {
                addRow(gv, id[i] * dim, gy, i * dim);
            }
        }

        /** {@code gv[base + d] += gy[src + d]} for the k entries of a row. */
        private void addRow(float[] gv, int base, float[] gy, int src) {
            for (int d = 0; d < dim; d++) {
                gv[base + d] += gy[src + d];
            }
        }
    }
}
