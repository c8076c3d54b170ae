package org.opudfa.dfa.task.recsys;

/** The recommender models of the {@code recsys} task ({@code --model}). */
public enum RecsysModel {
    /** Factorization machine: first-order weights and pairwise interactions of field embeddings. */
    FM,
    /** DeepFM: a factorization machine and an MLP sharing the field embeddings, their logits summed. */
    DEEPFM,
    /** Deep &amp; Cross: cross layers and an MLP side by side on the field embeddings, joined by a dense layer. */
    DEEP_CROSS;

    /** @return the embedding size k the paper's code uses for this model: 10, or 16 for Deep &amp; Cross */
    public int defaultEmbedding() {
        return this == DEEP_CROSS ? 16 : 10;
    }
}
