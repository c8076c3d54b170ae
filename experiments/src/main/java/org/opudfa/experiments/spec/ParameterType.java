package org.opudfa.experiments.spec;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.SettingType;

/**
 * The value types of the sweep parameters not yet declared as settings of a registry, with no
 * range of their own (the configuration they build checks it): whole numbers are
 * {@link Integer} or {@link Long}, real numbers {@link Double}, switches {@link Boolean},
 * choices a lower-case hyphenated {@link String}, lists of widths {@code List<Integer>}.
 */
public enum ParameterType {
    /** A whole number that fits in 32 bits. */
    INTEGER(SettingType.wholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE)),
    /** A whole number that fits in 64 bits. */
    LONG(SettingType.longNumber(Long.MIN_VALUE, Long.MAX_VALUE)),
    /** A real number (whole numbers are accepted). */
    NUMBER(SettingType.realNumber(RealRange.any())),
    /** {@code true} or {@code false}. */
    BOOLEAN(SettingType.onOff()),
    /** One of a fixed set of words: declare it with {@link SweepParameter#choice}. */
    CHOICE(null),
    /** A list of whole numbers, or one whole number meaning a list of one. */
    INTEGER_LIST(SettingType.wholeNumbers(Integer.MIN_VALUE, Integer.MAX_VALUE));

    private final SettingType<?> settingType;

    ParameterType(SettingType<?> settingType) {
        this.settingType = settingType;
    }

    /** @return how the type is named in error messages, e.g. "a whole number" */
    public String description() {
        return settingType == null ? "one of the allowed words" : settingType.describe();
    }

    /**
     * @return the setting type of this parameter type
     * @throws IllegalArgumentException for {@link #CHOICE}, whose words only the parameter knows
     */
    SettingType<?> settingType() {
        if (settingType == null) {
            throw new IllegalArgumentException("a choice parameter is declared with SweepParameter.choice");
        }
        return settingType;
    }
}
