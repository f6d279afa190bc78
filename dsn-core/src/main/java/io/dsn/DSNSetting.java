package io.dsn;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting of a DSN node, declared once in {@link DSNSettings}: the builder, the checks, the
 * keys of {@link DSNodeConfig#fromMap}, the error messages, the Spring Boot starter's properties
 * and the configuration reference are all derived from these declarations.
 *
 * @param key the Python key, as in {@link DSNodeConfig#fromMap}: {@code tick_interval}; a key of
 *     the nested {@code limits} map is {@code limits.<key>}
 * @param javaName the name of the {@link DSNodeConfig} accessor and builder method: {@code tickInterval}
 * @param type the Java type of a value
 * @param kind how a value is written in a configuration, and so how it is read and checked
 * @param defaultValue the value when none is given; {@code null} when the setting has none
 * @param min the smallest valid value, {@code null} for no lower bound
 * @param max the largest valid value, {@code null} for no upper bound
 * @param secret whether the value is a key, which never goes to a message or {@code toString}
 * @param description what the setting does, for the configuration reference and the IDE
 * @param <T> the type of a value
 */
public record DSNSetting<T>(String key, String javaName, Class<T> type, Kind kind, @Nullable T defaultValue,
                            @Nullable T min, @Nullable T max, boolean secret, String description) {

    /** How a value is written: the kinds of values a DSN configuration holds. */
    public enum Kind {
        /** A string. */
        TEXT,
        /** A whole number. */
        WHOLE_NUMBER,
        /** A number of bytes. */
        BYTES,
        /** true or false. */
        FLAG,
        /** A duration, written as a number of seconds (fractions allowed) where it has no unit. */
        SECONDS,
        /** A file system path. */
        PATH,
        /** A list of strings. */
        TEXTS,
        /** A list of {@link Endpoint}s: nodes with an address and a port. */
        ENDPOINTS,
        /** One constant of an enum ({@link ProtocolMode}, {@link CryptoProvider}), by its {@link #choiceName name}. */
        CHOICE
    }

    public DSNSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** How a {@link Kind#CHOICE} is written: the constant's name in lower case, {@code -} for {@code _} ({@code bouncy-castle}). */
    public static String choiceName(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The names a {@link Kind#CHOICE} takes, in the enum's order; empty for other kinds. */
    public List<String> choiceNames() {
        if (kind != Kind.CHOICE) {
            return List.of();
        }
        return Arrays.stream(type.getEnumConstants()).map(choice -> choiceName((Enum<?>) choice)).toList();
    }

    /** The Spring Boot property of the starter: {@code dsn.} and the key in kebab case ({@code dsn.tick-interval}). */
    public String springProperty() {
        return "dsn." + key.replace('_', '-');
    }

    /** Whether the setting belongs to the nested {@code limits} map ({@link io.dsn.transport.TransportLimits}). */
    public boolean isLimit() {
        return key.startsWith(DSNSettings.LIMITS_KEY + ".");
    }

    /**
     * Checks a value against this declaration: present when the setting has a default, not blank
     * when it is text, within the bounds.
     *
     * @throws DSNConfigurationException naming this setting, when the value is not valid
     */
    public void check(@Nullable T value) {
        if (value == null) {
            if (defaultValue != null) {
                throw new DSNConfigurationException(this, kind == Kind.TEXT ? "must not be empty" : "must be set");
            }
            return;
        }
        if (kind == Kind.TEXT && value instanceof String text && text.isBlank()) {
            throw new DSNConfigurationException(this, "must not be empty");
        }
        if (value instanceof Duration duration) {
            checkDuration(duration);
        } else if (value instanceof Number number) {
            checkNumber(number.longValue());
        }
    }

    private void checkDuration(Duration value) {
        if (min instanceof Duration least && value.compareTo(least) < 0) {
            if (least.isZero()) {
                throw new DSNConfigurationException(this, "must not be negative, was " + value);
            }
            if (least.compareTo(Duration.ofMillis(1)) < 0) {
                throw new DSNConfigurationException(this, "must be a positive duration, was " + value);
            }
            throw new DSNConfigurationException(this, "must be at least " + least.toMillis()
                    + " ms (a number without a unit is seconds, as in the Python node), was " + value.toMillis() + " ms");
        }
        if (max instanceof Duration most && value.compareTo(most) > 0) {
            throw new DSNConfigurationException(this, "must be at most " + most.toSeconds()
                    + " s (a number without a unit is seconds), was " + value.toSeconds() + " s");
        }
    }

    private void checkNumber(long value) {
        String unit = kind == Kind.BYTES ? " bytes" : "";
        boolean tooSmall = min instanceof Number least && value < least.longValue();
        boolean tooLarge = max instanceof Number most && value > most.longValue();
        if (min != null && max != null && (tooSmall || tooLarge)) {
            throw new DSNConfigurationException(this, "must be between " + min + " and " + max + unit + ", was " + value);
        }
        if (tooSmall) {
            throw new DSNConfigurationException(this, "must be at least " + min + unit + ", was " + value);
        }
        if (tooLarge) {
            throw new DSNConfigurationException(this, "must be at most " + max + unit + ", was " + value);
        }
    }
}
