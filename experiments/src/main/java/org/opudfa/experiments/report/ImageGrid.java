package org.opudfa.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.experiments.spec.ImageGridSpec;

/**
 * Draws an {@link ImageGridSpec}: the rows of images, each enlarged {@code scale} times without
 * smoothing (so pixels stay pixels), stacked top to bottom with their labels in a column on the
 * left, on white, as a PNG. A row whose image is missing (a point that diverged before writing
 * it) is drawn empty with "(no image)".
 */
public final class ImageGrid {

    /** Label font size, pixels. */
    private static final int FONT_SIZE = 14;
    /** Space around labels and between rows, pixels. */
    private static final int GAP = 6;

    private ImageGrid() {
    }

    /** A row: its label and its image file. */
    public record Row(String label, Path image) {
    }

    /**
     * @param grid the figure
     * @param rows its rows, top to bottom (the header first, when there is one)
     * @param file the PNG to write (atomically)
     * @throws IllegalArgumentException if no row has an image
     */
    public static void render(ImageGridSpec grid, List<Row> rows, Path file) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<BufferedImage> images = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (Row r : rows) {
            BufferedImage image = read(r.image());
            images.add(image);
            if (image != null) {
                width = Math.max(width, image.getWidth() * grid.scale());
                height = Math.max(height, image.getHeight() * grid.scale());
            }
        }
        if (width == 0) {
            throw new IllegalArgumentException("no point wrote " + grid.image() + ", so " + grid.file()
                    + " has nothing to show");
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics metrics = pg.getFontMetrics(font);
        int labels = 0;
        for (Row r : rows) {
            labels = Math.max(labels, metrics.stringWidth(r.label()));
        }
        pg.dispose();
        int rowHeight = Math.max(height, metrics.getHeight());
        int totalWidth = GAP + labels + GAP + width + GAP;
        int totalHeight = GAP + rows.size() * (rowHeight + GAP);
        BufferedImage out = new BufferedImage(totalWidth, totalHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, totalWidth, totalHeight);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(Color.BLACK);
        for (int i = 0; i < rows.size(); i++) {
            int top = GAP + i * (rowHeight + GAP);
            int baseline = top + (rowHeight + metrics.getAscent() - metrics.getDescent()) / 2;
            g.drawString(rows.get(i).label(), GAP, baseline);
            BufferedImage image = images.get(i);
            if (image == null) {
                g.drawString("(no image)", 2 * GAP + labels, baseline);
            } else {
                g.drawImage(image, 2 * GAP + labels, top, image.getWidth() * grid.scale(),
                        image.getHeight() * grid.scale(), null);
            }
        }
        g.dispose();
        AtomicFiles.write(file, stream -> {
            if (!ImageIO.write(out, "png", stream)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }

    private static BufferedImage read(Path image) {
        if (!Files.isRegularFile(image)) {
            return null;
        }
        try {
            return ImageIO.read(image.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + image + ": " + e.getMessage(), e);
        }
    }
}
