package io.dsn.internal.node.state;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NodeFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The newest own timestamp on disk: exact after a clean stop, reserved ahead of use for a crash. */
class LastTimestampTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
    private static final Duration MARGIN = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    @Test
    void aNodeThatNeverRanFollowsItsClock() {
        LastTimestamp last = new LastTimestamp(store(), CLOCK, MARGIN);

        assertThat(last.continueAfter()).isLessThan(1_000);
    }

    @Test
    void afterACleanStopTheNextRunContinuesRightAfterTheLastTimestamp() {
        new LastTimestamp(store(), CLOCK, MARGIN).writeStopped(1_900_000_000.5);

        assertThat(new LastTimestamp(store(), CLOCK, MARGIN).continueAfter()).isEqualTo(1_900_000_000.5);
    }

    @Test
    void afterACrashTheNextRunContinuesAfterTheReservationWhichCoversEveryTimestampUsed() {
        LastTimestamp last = new LastTimestamp(store(), CLOCK, MARGIN);
        last.reserve(1_900_000_000.5);
        last.reserve(1_900_000_004.0);   // within the reservation: nothing written

        assertThat(new LastTimestamp(store(), CLOCK, MARGIN).continueAfter()).isEqualTo(1_900_000_006.5);
    }

    @Test
    void aReservationIsWrittenOnlyWhenATimestampPassesIt() throws IOException {
        LastTimestamp last = new LastTimestamp(store(), CLOCK, MARGIN);
        last.reserve(1.5);
        Path file = store().pathOf(NodeFile.LAST_TIMESTAMP);
        assertThat(Files.readString(file)).isEqualTo("7.5 reserved\n");
        Files.writeString(file, "changed behind its back");

        last.reserve(7.5);
        assertThat(Files.readString(file)).isEqualTo("changed behind its back");
        last.reserve(7.75);
        assertThat(Files.readString(file)).isEqualTo("13.75 reserved\n");
    }

    @Test
    void afterACleanStopTheFirstTimestampReservesAgain() throws IOException {
        LastTimestamp last = new LastTimestamp(store(), CLOCK, MARGIN);
        last.reserve(1.5);
        last.writeStopped(2.0);
        last.reserve(2.5);   // within the old reservation, but the stop replaced it on disk

        assertThat(Files.readString(store().pathOf(NodeFile.LAST_TIMESTAMP))).isEqualTo("8.5 reserved\n");
    }

    @Test
    void aNumberAloneFromAnEarlierVersionIsContinuedAMarginLater() throws IOException {
        Path file = store().pathOf(NodeFile.LAST_TIMESTAMP);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "1900000000.5\n");

        assertThat(new LastTimestamp(store(), CLOCK, MARGIN).continueAfter()).isEqualTo(1_900_000_006.5);
    }

    @Test
    void anUnreadableFileIsIgnoredAndAnUnwritableOneNeverThrows() throws IOException {
        Path file = store().pathOf(NodeFile.LAST_TIMESTAMP);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a number");
        assertThat(new LastTimestamp(store(), CLOCK, MARGIN).continueAfter()).isLessThan(1_000);

        Files.delete(file);
        Files.createDirectory(file);   // a directory where the file should be: every write fails
        LastTimestamp last = new LastTimestamp(store(), CLOCK, MARGIN);
        last.reserve(3.5);
        last.writeStopped(4.5);
        assertThat(file).isDirectory();
    }

    private CredentialStore store() {
        return new CredentialStore(dir, "me");
    }
}
