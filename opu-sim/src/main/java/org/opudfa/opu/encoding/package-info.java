/**
 * Encodings of real vectors into binary DMD frames: a binary frame is all a micromirror device
 * can show, so a real vector {@code v} becomes a few frames {@code x_f} with weights {@code w_f}
 * chosen so that {@code Σ_f w_f·P(x_f) ≈ P(v)} for any linear map {@code P}.
 */
package org.opudfa.opu.encoding;
