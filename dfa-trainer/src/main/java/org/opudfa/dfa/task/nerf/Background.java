package org.opudfa.dfa.task.nerf;

/**
 * The colour behind a scene's transparent parts. Images are composited on it
 * ({@code C = C_premultiplied + (1 − α)·background}) and the volume renderer adds it behind
 * the last sample ({@code C = Σ w_i c_i + (1 − Σ w_i)·background}), as NeRF's {@code white_bkgd}.
 */
public enum Background {
    /** White, 1 in every channel (NeRF's choice for the Blender scenes). */
    WHITE(1f),
    /** Black, 0 in every channel. */
    BLACK(0f);

    private final float level;

    Background(float level) {
        this.level = level;
    }

    /** @return the value of each colour channel, 0 or 1 */
    public float level() {
        return level;
    }
}
