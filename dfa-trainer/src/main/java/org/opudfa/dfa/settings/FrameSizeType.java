package org.opudfa.dfa.settings;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.opudfa.dfa.io.MessageText;

/** {@code WIDTHxHEIGHT} sizes in whole numbers, each side at least 1, as {@link FrameSize}. */
final class FrameSizeType extends SettingType<FrameSize> {

    static final FrameSizeType INSTANCE = new FrameSizeType();

    private static final String FORM = "WIDTHxHEIGHT in whole numbers";
    private static final String EXAMPLE = ", e.g. 912x1140";

    private FrameSizeType() {
    }

    @Override
    String noun() {
        return FORM;
    }

    @Override
    String range() {
        return "each at least 1";
    }

    @Override
    String placeholder() {
        return "WxH";
    }

    @Override
    Class<?> valueClass() {
        return FrameSize.class;
    }

    @Override
    FrameSize parse(String text, String where) {
        FrameSize size = size(text);
        if (size == null) {
            throw new IllegalArgumentException(where + " must be " + FORM + EXAMPLE + ", got '" + text + "'");
        }
        return size;
    }

    @Override
    FrameSize read(JsonNode node, String where) {
        FrameSize size = node.isTextual() ? size(node.textValue()) : null;
        if (size == null) {
            throw new IllegalArgumentException(where + " must be " + FORM + EXAMPLE + ", got " + MessageText.abbreviate(String.valueOf(node)));
        }
        return size;
    }

    private static FrameSize size(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length == 2) {
            try {
                return new FrameSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                // not a size
            }
        }
        return null;
    }

    @Override
    void check(FrameSize value, String where) {
        if (value.width() < 1 || value.height() < 1) {
            throw new IllegalArgumentException(where + " must have a width and height of at least 1, got " + value);
        }
    }

    @Override
    Object toJson(FrameSize value) {
        return value.toString();
    }

    @Override
    String format(FrameSize value) {
        return value.toString();
    }
}
