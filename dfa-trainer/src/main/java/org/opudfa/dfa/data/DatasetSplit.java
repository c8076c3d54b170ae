package org.opudfa.dfa.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A dataset divided in two disjoint parts: the part to train on and a held-out part, which is
 * the test set of a benchmark (as returned by {@link FashionMnist}) or a validation set drawn
 * from training data (as returned by {@link #trainValidation}).
 *
 * @param train   the data to train on
 * @param heldOut the data to evaluate on
 */
public record DatasetSplit(Dataset train, Dataset heldOut) {

    /**
     * Validates the components.
     *
     * @param train   the data to train on
     * @param heldOut the data to evaluate on
     * @throws NullPointerException if a part is null
     */
    public DatasetSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(heldOut, "heldOut");
    }

    /**
     * Splits {@code data} at random into training and validation parts.
     *
     * <p>Non-stratified: a uniformly random subset of {@code round(fraction·n)} samples is held
     * out. Stratified: within each class {@code c}, {@code round(fraction·n_c)} samples are held
     * out at random, so both parts keep the class proportions. Either way, each part keeps the
     * samples in their original order (the shuffling for training is the batcher's job), and the
     * result depends only on the data and the generator's state.
     *
     * @param data               the data to split
     * @param validationFraction the share to hold out, strictly between 0 and 1
     * @param stratified         whether to split each class separately
     * @param rng                the seeded generator to draw the split from
     * @return the training part (named {@code name + "-train"}) and the validation part
     *     ({@code name + "-validation"})
     * @throws IllegalArgumentException if the fraction is out of range or leaves a part empty
     */
    public static DatasetSplit trainValidation(Dataset data, double validationFraction, boolean stratified,
                                               UniformRandomProvider rng) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be strictly between 0 and 1, got " + validationFraction);
        }
        int n = data.size();
        boolean[] held = new boolean[n];
        if (stratified) {
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < data.numClasses(); c++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                byClass.get(data.label(i)).add(i);
            }
            for (List<Integer> members : byClass) {
                int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
                markRandomPrefix(idx, (int) Math.round(validationFraction * idx.length), held, rng);
            }
        } else {
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> i);
            markRandomPrefix(idx, (int) Math.round(validationFraction * n), held, rng);
        }
        int heldCount = 0;
        for (boolean h : held) {
            heldCount += h ? 1 : 0;
        }
        if (heldCount == 0 || heldCount == n) {
            throw new IllegalArgumentException("validationFraction " + validationFraction + " of " + n
                    + " samples leaves " + (heldCount == 0 ? "the validation" : "the training")
                    + " part empty; choose a fraction that keeps at least 1 sample in each part");
        }
        int[] trainIdx = new int[n - heldCount];
        int[] heldIdx = new int[heldCount];
        int t = 0;
        int h = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) {
                heldIdx[h++] = i;
            } else {
                trainIdx[t++] = i;
            }
        }
        String how = (stratified ? "stratified " : "") + "random split, validation fraction " + validationFraction;
        return new DatasetSplit(data.select(trainIdx, data.name() + "-train", "training part of " + how),
                data.select(heldIdx, data.name() + "-validation", "validation part of " + how));
    }

    /** Partial Fisher–Yates: marks a uniformly random {@code k}-subset of {@code idx}. */
    private static void markRandomPrefix(int[] idx, int k, boolean[] held, UniformRandomProvider rng) {
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
            held[idx[i]] = true;
        }
    }
}
