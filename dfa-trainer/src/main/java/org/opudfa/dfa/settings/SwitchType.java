package org.opudfa.dfa.settings;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** On/off switches, as {@link Boolean}. */
final class SwitchType extends SettingType<Boolean> {

    static final SwitchType INSTANCE = new SwitchType();

    private SwitchType() {
    }

    @Override
    String noun() {
        return "true or false";
    }

    @Override
    String range() {
        return "";
    }

    @Override
    String placeholder() {
        return "true|false";
    }

    @Override
    Class<?> valueClass() {
        return Boolean.class;
    }

    @Override
    boolean isSwitch() {
        return true;
    }

    @Override
    Boolean parse(String text, String where) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw wrongText(where, text);
        };
    }

    @Override
    Boolean read(JsonNode node, String where) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw wrongJson(where, node);
    }

    @Override
    void check(Boolean value, String where) {
        // every switch value is allowed
    }

    @Override
    Object toJson(Boolean value) {
        return value;
    }

    @Override
    String format(Boolean value) {
        return value.toString();
    }
}
