/**
 * The simulated optical processing unit: a micromirror device ({@link org.opudfa.opu.device.Dmd})
 * shows binary frames, coherent light crosses a scattering medium
 * ({@link org.opudfa.opu.device.ScatteringMedium}, a complex Gaussian transmission matrix that
 * may drift), and a camera ({@link org.opudfa.opu.device.Camera}) measures the speckle intensity
 * with shot noise, read noise, saturation and a few-bit ADC.
 * {@link org.opudfa.opu.device.OpticalProcessingUnit} puts them together and
 * {@link org.opudfa.opu.device.LinearReadout} recovers a linear random projection from
 * intensities by interference with a reference pattern.
 */
package org.opudfa.opu.device;
