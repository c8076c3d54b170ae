package org.opudfa.experiments.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opudfa.experiments.run.ExperimentRunner;
import org.opudfa.experiments.run.SweepRunner;
import org.opudfa.experiments.spec.ExperimentSpec;
import org.opudfa.experiments.spec.ImageGridSpec;
import org.opudfa.experiments.spec.PlotSpec;
import org.opudfa.experiments.spec.SweepKind;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * Checks that an experiment's output folder is complete and readable: every file the run writes
 * exists; each CSV has a header and one row per point (per epoch for {@value ResultFiles#EPOCHS_CSV})
 * with as many cells as the header; each JSON lines file has one JSON object per line; the
 * provenance and every point file present are JSON objects (point files, the resume cache, may
 * be absent); every PNG decodes to an image. For
 * continuous integration and for checking committed results.
 */
public final class ResultsCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsCheck() {
    }

    /**
     * @param spec the experiment (in the form that was run: quick or full)
     * @param out  its output folder
     * @return one sentence per problem found; empty when the folder is complete
     */
    public static List<String> verify(ExperimentSpec spec, Path out) {
        List<String> problems = new ArrayList<>();
        json(out.resolve(ExperimentRunner.PROVENANCE), problems);
        exists(out.resolve(ExperimentRunner.RESULTS_MD), problems);
        for (SweepSpec s : spec.sweeps()) {
            Path dir = out.resolve(s.name());
            int points = s.points().size();
            csv(dir.resolve(ResultFiles.RESULTS_CSV), points, problems);
            jsonl(dir.resolve(ResultFiles.RESULTS_JSONL), points, problems);
            csv(dir.resolve(ResultFiles.TIMINGS_CSV), points, problems);
            if (s.kind() == SweepKind.TRAINING) {
                csv(dir.resolve(ResultFiles.EPOCHS_CSV), -1, problems);
                jsonl(dir.resolve(ResultFiles.EPOCHS_JSONL), -1, problems);
            }
            for (SweepPoint p : s.points()) {
                // Point files are the resume cache: committed results leave them out.
                if (Files.exists(SweepRunner.pointFile(dir, p))) {
                    json(SweepRunner.pointFile(dir, p), problems);
                }
            }
            for (PlotSpec plot : s.plots()) {
                png(out.resolve(plot.file()), problems);
            }
            for (ImageGridSpec grid : s.imageGrids()) {
                png(out.resolve(grid.file()), problems);
            }
        }
        return problems;
    }

    private static boolean exists(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + " is missing");
            return false;
        }
        return true;
    }

    private static List<String> lines(Path file, List<String> problems) {
        if (!exists(file, problems)) {
            return null;
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file + " cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static void csv(Path file, int rows, List<String> problems) {
        List<String> lines = lines(file, problems);
        if (lines == null) {
            return;
        }
        if (lines.isEmpty()) {
            problems.add(file + " is empty");
            return;
        }
        int columns = cells(lines.get(0));
        if (rows >= 0 && lines.size() - 1 != rows) {
            problems.add(file + " has " + (lines.size() - 1) + " rows, expected " + rows);
        }
        if (rows < 0 && lines.size() < 2) {
            problems.add(file + " has no rows");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (cells(lines.get(i)) != columns) {
                problems.add(file + " line " + (i + 1) + " has " + cells(lines.get(i)) + " cells, expected " + columns);
            }
        }
    }

    /** Counts the cells of a CSV line, honouring double quotes. */
    static int cells(String line) {
        int count = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static void jsonl(Path file, int rows, List<String> problems) {
        List<String> lines = lines(file, problems);
        if (lines == null) {
            return;
        }
        if (rows >= 0 && lines.size() != rows) {
            problems.add(file + " has " + lines.size() + " lines, expected " + rows);
        }
        for (int i = 0; i < lines.size(); i++) {
            try {
                if (!JSON.readTree(lines.get(i)).isObject()) {
                    problems.add(file + " line " + (i + 1) + " is not a JSON object");
                }
            } catch (IOException e) {
                problems.add(file + " line " + (i + 1) + " is not valid JSON");
            }
        }
    }

    private static void json(Path file, List<String> problems) {
        if (!exists(file, problems)) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                problems.add(file + " is not a JSON object");
            }
        } catch (IOException e) {
            problems.add(file + " is not valid JSON");
        }
    }

    private static void png(Path file, List<String> problems) {
        if (!exists(file, problems)) {
            return;
        }
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                problems.add(file + " is not a readable image");
            }
        } catch (IOException e) {
            problems.add(file + " is not a readable image: " + e.getMessage());
        }
    }
}
