/**
 * Neural radiance fields (NeRF, Mildenhall et al. 2020) trained by Direct Feedback Alignment, as in
 * the DFA paper's view synthesis (Launay et al. 2020): everything about the family in one place.
 * <ul>
 *   <li>Scenes: the Blender format of NeRF's synthetic data sets ({@link org.opudfa.dfa.task.nerf.BlenderFormat},
 *       {@link org.opudfa.dfa.task.nerf.RgbaImage}, {@link org.opudfa.dfa.task.nerf.PinholeCamera}) and a
 *       generator that renders an analytic volume exactly into it
 *       ({@link org.opudfa.dfa.task.nerf.SceneGenerator}, {@link org.opudfa.dfa.task.nerf.AnalyticVolume},
 *       {@link org.opudfa.dfa.task.nerf.QuadratureRenderer});</li>
 *   <li>rays and their stratified samples as batches ({@link org.opudfa.dfa.task.nerf.Rays},
 *       {@link org.opudfa.dfa.task.nerf.StratifiedSampling}, {@link org.opudfa.dfa.task.nerf.RayBatches});</li>
 *   <li>the modules ({@link org.opudfa.dfa.task.nerf.PositionalEncoding},
 *       {@link org.opudfa.dfa.task.nerf.VolumeRendering}) and the network
 *       ({@link org.opudfa.dfa.task.nerf.NerfModel});</li>
 *   <li>the task ({@link org.opudfa.dfa.task.nerf.NerfTask}, {@link org.opudfa.dfa.task.nerf.NerfSettings},
 *       {@link org.opudfa.dfa.task.nerf.NerfData}) and rendering with a trained model
 *       ({@link org.opudfa.dfa.task.nerf.NerfRenderer}, {@link org.opudfa.dfa.task.nerf.NerfPreview},
 *       {@link org.opudfa.dfa.task.nerf.TrainedNerf}, {@link org.opudfa.dfa.task.nerf.Turntable}).</li>
 * </ul>
 */
package org.opudfa.dfa.task.nerf;
