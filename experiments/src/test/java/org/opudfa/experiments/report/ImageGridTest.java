package org.opudfa.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.experiments.spec.ImageGridSpec;

class ImageGridTest {

    @TempDir
    Path dir;

    private Path image(String name, int width, int height, int rgb) throws Exception {
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(im, "png", file.toFile());
        return file;
    }

    @Test
    void stacksTheRowsEnlargedWithoutSmoothingBesideTheirLabels() throws Exception {
        ImageGridSpec spec = new ImageGridSpec("grid.png", "T", "a.png", "h.png", "truth", 3);
        Path out = dir.resolve("grid.png");
        ImageGrid.render(spec, List.of(new ImageGrid.Row("truth", image("h.png", 4, 2, 0xff0000)),
                new ImageGrid.Row("BP", image("a.png", 4, 2, 0x00ff00)),
                new ImageGrid.Row("diverged", dir.resolve("missing.png"))), out);
        BufferedImage grid = ImageIO.read(out.toFile());
        int gap = 6;
        int rowHeight = (grid.getHeight() - gap) / 3 - gap;
        int right = grid.getWidth() - 1 - gap;
        // each image 4·3 = 12 pixels wide, flush with the right margin, rows top to bottom
        assertEquals(0xff0000, rgb(grid, right, gap));
        assertEquals(0xff0000, rgb(grid, right - 11, gap + 5));
        assertEquals(0xffffff, rgb(grid, right - 12, gap));
        assertEquals(0xffffff, rgb(grid, right, gap + 6), "the image is 2·3 pixels tall");
        assertEquals(0x00ff00, rgb(grid, right, 2 * gap + rowHeight));
        assertEquals(0xffffff, rgb(grid, right, 3 * gap + 2 * rowHeight), "the missing image's row is empty");
    }

    private static int rgb(BufferedImage im, int x, int y) {
        return im.getRGB(x, y) & 0xffffff;
    }

    @Test
    void refusesAGridWithoutAnyImage() {
        ImageGridSpec spec = new ImageGridSpec("grid.png", "T", "a.png", null, "", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(spec,
                List.of(new ImageGrid.Row("BP", dir.resolve("a.png"))), dir.resolve("grid.png")));
        assertEquals("no point wrote a.png, so grid.png has nothing to show", e.getMessage());
    }
}
