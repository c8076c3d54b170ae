package org.opudfa.dfa.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/** File-system paths, as {@link Path}; written as text in JSON. */
final class PathType extends SettingType<Path> {

    static final PathType INSTANCE = new PathType();

    private PathType() {
    }

    @Override
    String noun() {
        return "a path";
    }

    @Override
    String range() {
        return "";
    }

    @Override
    String placeholder() {
        return "PATH";
    }

    @Override
    Class<?> valueClass() {
        return Path.class;
    }

    @Override
    Path parse(String text, String where) {
        if (!text.isBlank()) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                // reported below
            }
        }
        throw wrongText(where, text);
    }

    @Override
    Path read(JsonNode node, String where) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            try {
                return Path.of(node.textValue());
            } catch (InvalidPathException e) {
                // reported below
            }
        }
        throw wrongJson(where, node);
    }

    @Override
    void check(Path value, String where) {
        // any path is allowed; whether it exists is the reader's business
    }

    @Override
    Object toJson(Path value) {
        return value.toString();
    }

    @Override
    String format(Path value) {
        return value.toString();
    }
}
