package org.opudfa.dfa.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.io.ChecksummedFile;
import org.opudfa.dfa.optim.OptimizerState;

/**
 * Everything needed to continue a run exactly where it stopped: the configuration it was made
 * with, the epochs done and their metrics, every parameter, the optimizer's state, the data
 * order's generator state and the DFA projectors' states (frame count, which also keys the camera
 * noise, saturation counters and calibration of a simulated OPU) and the states of the random
 * streams the model draws from in training passes (dropout masks).
 *
 * <p>File format (version {@value #VERSION}): a {@link ChecksummedFile} with the magic
 * {@code OPUDFA-CKPT}, whose checksums are verified before anything is parsed, so a damaged,
 * truncated or older file is refused with one sentence and nothing is restored from it. Its
 * payload: a length-prefixed UTF-8 JSON header (configuration, counters, metrics, small states),
 * then the float arrays (parameters as {@code param/<name>}, optimizer buffers as
 * {@code optim/<key>}), each as a length-prefixed name, an int length and big-endian floats.
 * Files are written atomically. Version 1 had no checksums; version 2 had no random-stream
 * states, so a run with dropout resumed from it drew other masks (its files are refused).
 *
 * @param configuration   the run's {@link TrainingRun#configuration()}: the task's name and every setting
 * @param epochsDone      epochs completed
 * @param history         the metrics of those epochs
 * @param parameters      parameter values by name, and the model's untrained buffers (running
 *                        statistics, {@link org.opudfa.dfa.graph.Graph#buffers()}) under their own
 *                        names, stored alike as {@code param/<name>}
 * @param optimizer       the optimizer state
 * @param batches         the training batcher's state
 * @param projectorState  the DFA projectors' state bytes (one projector's own state, several in the
 *                        format of {@code ProjectorStates}; empty when they have none)
 * @param randomStreams   the state bytes of the model's random streams by name
 *                        ({@link org.opudfa.dfa.graph.Graph#randomStreams()}; empty when it has none)
 */
public record Checkpoint(Map<String, Object> configuration, int epochsDone, List<EpochMetrics> history,
                         Map<String, float[]> parameters, OptimizerState optimizer, MiniBatches.State batches,
                         byte[] projectorState, Map<String, byte[]> randomStreams) {

    /** The format version this code writes and reads. */
    public static final int VERSION = 3;

    private static final ChecksummedFile FORMAT = new ChecksummedFile("checkpoint", "OPUDFA-CKPT", VERSION,
            "it cannot be resumed");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** The JSON header of the file. */
    private record Header(int version, Map<String, Object> configuration, int epochsDone,
                          List<EpochMetrics> history, String optimizerKind, long optimizerStep, long batchEpoch,
                          int batchPosition, byte[] batchRngState, byte[] projectorState,
                          Map<String, byte[]> randomStreams) {
    }

    /**
     * A checkpoint of a model without random streams.
     *
     * @param configuration   the run's configuration
     * @param epochsDone      epochs completed
     * @param history         the metrics of those epochs
     * @param parameters      parameter and buffer values by name
     * @param optimizer       the optimizer state
     * @param batches         the training batcher's state
     * @param projectorState  the DFA projectors' state bytes (empty when they have none)
     */
    public Checkpoint(Map<String, Object> configuration, int epochsDone, List<EpochMetrics> history,
                      Map<String, float[]> parameters, OptimizerState optimizer, MiniBatches.State batches,
                      byte[] projectorState) {
        this(configuration, epochsDone, history, parameters, optimizer, batches, projectorState, Map.of());
    }

    /**
     * Writes the checkpoint atomically: a reader sees the previous file or the new one, never a
     * mix, and a failed write leaves the previous file intact.
     *
     * @param file the checkpoint file
     * @throws UncheckedIOException if it cannot be written
     */
    public void write(Path file) {
        Header header = new Header(VERSION, configuration, epochsDone, history, optimizer.kind(), optimizer.step(),
                batches.epoch(), batches.position(), batches.rngState(), projectorState, randomStreams);
        byte[] headerBytes;
        try {
            headerBytes = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the checkpoint header", e);
        }
        Map<String, float[]> arrays = new LinkedHashMap<>();
        parameters.forEach((name, values) -> arrays.put("param/" + name, values));
        optimizer.buffers().forEach((key, values) -> arrays.put("optim/" + key, values));
        FORMAT.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeInt(headerBytes.length);
            out.write(headerBytes);
            out.writeInt(arrays.size());
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (Map.Entry<String, float[]> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                float[] values = e.getValue();
                out.writeInt(values.length);
                for (int i = 0; i < values.length; ) {
                    buffer.clear();
                    int n = Math.min(values.length - i, buffer.capacity() / Float.BYTES);
                    buffer.asFloatBuffer().put(values, i, n);
                    out.write(buffer.array(), 0, n * Float.BYTES);
                    i += n;
                }
            }
            out.flush();
        });
    }

    /**
     * @param file a file written by {@link #write}
     * @return the checkpoint
     * @throws IllegalArgumentException if the file is missing, not a checkpoint, of another
     *     version, truncated, damaged or corrupt
     */
    public static Checkpoint read(Path file) {
        return FORMAT.read(file, (raw, payloadSize) -> parse(raw, payloadSize, file));
    }

    /**
     * @param raw         the payload, verified by its checksum
     * @param payloadSize the payload's length in bytes
     * @param file        the file, for messages
     * @return the checkpoint the payload holds
     * @throws IllegalArgumentException if the payload does not hold a checkpoint (a file that passed its
     *     checksum can only be so if it was written wrongly)
     */
    private static Checkpoint parse(InputStream raw, long payloadSize, Path file) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            // Lengths are checked against the payload size before anything is allocated, so a corrupt
            // length is reported as such instead of failing with a negative or enormous allocation.
            byte[] headerBytes = new byte[length(in.readInt(), 1, payloadSize, "header length", file)];
            in.readFully(headerBytes);
            Header header = JSON.readValue(headerBytes, Header.class);
            int count = length(in.readInt(), 1, payloadSize, "array count", file);
            Map<String, float[]> params = new LinkedHashMap<>();
            Map<String, float[]> buffers = new TreeMap<>();
            byte[] bytes = new byte[1 << 16];
            for (int a = 0; a < count; a++) {
                String name = in.readUTF();
                float[] values = new float[length(in.readInt(), Float.BYTES, payloadSize,
                        "length of array '" + name + "'", file)];
                for (int i = 0; i < values.length; ) {
                    int n = Math.min(values.length - i, bytes.length / Float.BYTES);
                    in.readFully(bytes, 0, n * Float.BYTES);
                    ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(values, i, n);
                    i += n;
                }
                if (name.startsWith("param/")) {
                    params.put(name.substring("param/".length()), values);
                } else if (name.startsWith("optim/")) {
                    buffers.put(name.substring("optim/".length()), values);
                } else {
                    throw new IllegalArgumentException("checkpoint " + file + " holds an unknown array '" + name + "'");
                }
            }
            return new Checkpoint(header.configuration(), header.epochsDone(), new ArrayList<>(header.history()),
                    params, new OptimizerState(header.optimizerKind(), header.optimizerStep(), buffers),
                    new MiniBatches.State(header.batchEpoch(), header.batchPosition(), header.batchRngState()),
                    header.projectorState() == null ? new byte[0] : header.projectorState(),
                    header.randomStreams() == null ? Map.of() : new LinkedHashMap<>(header.randomStreams()));
        } catch (EOFException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt: its content ends early", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("checkpoint " + file + " has a corrupt header: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param value         a length or count read from the file
     * @param bytesPerItem  bytes each counted item takes in the file, at least 1
     * @param payloadSize   the payload's size in bytes
     * @param what          what the value counts, for the message
     * @param file          the file, for the message
     * @return the value, if it is non-negative and its items fit in the payload
     * @throws IllegalArgumentException if it is negative or needs more bytes than the payload has
     */
    private static int length(int value, int bytesPerItem, long payloadSize, String what, Path file) {
        if (value < 0) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt: its " + what + " is " + value
                    + ", which must be non-negative");
        }
        if ((long) value * bytesPerItem > payloadSize) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt: its " + what + " is " + value
                    + ", more than its " + payloadSize + " bytes of content can hold");
        }
        return value;
    }
}
