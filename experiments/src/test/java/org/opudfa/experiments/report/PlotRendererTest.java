package org.opudfa.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.experiments.spec.PlotSpec;

class PlotRendererTest {

    private static Map<String, Object> row(Object x, Object y, Object s) {
        Map<String, Object> m = new HashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("s", s);
        return m;
    }

    @Test
    void drawsLinesForNumbersAndBarsForWords(@TempDir Path dir) throws Exception {
        PlotSpec lines = new PlotSpec("l.png", "Lines", "results", "x", "x (unit)", List.of("y"), "y (unit)", "s",
                true, true);
        PlotRenderer.render(lines, List.of(row(1, 0.5, 1), row(10, 0.7, 1), row(0, 0.9, 1), row(10, null, 2),
                row(100, 0.3, 2)), dir.resolve("l.png"));
        PlotSpec bars = new PlotSpec("b.png", "Bars", "results", "x", "rule", List.of("y"), "y (unit)", null,
                false, false);
        PlotRenderer.render(bars, List.of(row("BP", 0.8, null), row("DFA", 0.7, null)), dir.resolve("b.png"));
        for (String f : List.of("l.png", "b.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(f).toFile());
            assertNotNull(image, f);
            assertEquals(PlotRenderer.WIDTH, image.getWidth());
        }
    }

    @Test
    void legendLabelsDropTrailingZeros() {
        assertEquals("3", PlotRenderer.label(3.0));
        assertEquals("0.0001", PlotRenderer.label(1e-4));
        assertEquals("1.00e-07", PlotRenderer.label(1e-7));
        assertEquals("10000", PlotRenderer.label(10000.0));
        assertEquals("0", PlotRenderer.label(0.0));
        assertEquals("DFA", PlotRenderer.label("DFA"));
        assertEquals("12", PlotRenderer.label(12));
    }

    @Test
    void refusesAChartWithNothingToDraw(@TempDir Path dir) {
        PlotSpec plot = new PlotSpec("e.png", "Empty", "results", "x", "x", List.of("y"), "y", null, false, false);
        String m = assertThrows(IllegalArgumentException.class,
                () -> PlotRenderer.render(plot, List.of(row(1, null, null)), dir.resolve("e.png"))).getMessage();
        assertEquals("plot e.png has no values to draw", m);
        assertFalse(Files.exists(dir.resolve("e.png")));
    }
}
