package io.dsn.internal.node.membership;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.CredentialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The address book on disk: what survives a restart, what is forgotten, and its bounds. */
class AddressBookTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Endpoint HERE = new Endpoint("10.0.0.1", 8000);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);

    private AddressBook open() {
        return new AddressBook(new CredentialStore(dir, "me"), clock);
    }

    @Test
    void whatWasLinkedAndAcceptedSurvivesAReopen() {
        AddressBook book = open();
        book.linked("peer", HERE);
        book.accepted("peer", 1_700_000_000.5);
        book.linked("#hash-first", new Endpoint("10.0.0.2", 8001));
        book.flush(true);

        AddressBook reopened = open();

        assertThat(reopened.endpointOf("peer")).contains(HERE);
        assertThat(reopened.endpointOf("#hash-first")).as("an id that starts with # is no comment")
                .contains(new Endpoint("10.0.0.2", 8001));
        assertThat(reopened.entries()).filteredOn(e -> e.nodeId().equals("peer"))
                .singleElement().extracting(AddressBook.Entry::lastAccepted).isEqualTo(1_700_000_000.5);
    }

    @Test
    void aFullBookMakesRoomByForgettingTheLeastRecentlySeenNotTheNewest() {
        AddressBook book = open();
        for (int i = 0; i < AddressBook.MAX_ENTRIES; i++) {
            book.linked("old-" + i, new Endpoint("10.0.0.1", 1000 + i % 60000));
            book.accepted("old-" + i, 1_700_000_000.0 + i);
        }

        book.linked("new-peer", new Endpoint("10.0.0.2", 9000));

        assertThat(book.endpointOf("new-peer")).isPresent();
        assertThat(book.endpointOf("old-0")).isEmpty();
        assertThat(book.endpointOf("old-1")).isPresent();
        assertThat(book.entries()).hasSize(AddressBook.MAX_ENTRIES);
    }

    @Test
    void nodesNotSeenForThirtyDaysAreForgottenAtTheNextStart() {
        AddressBook book = open();
        book.linked("gone", HERE);
        clock.advance(AddressBook.FORGET_AFTER.minusDays(1));
        book.linked("recent", new Endpoint("10.0.0.3", 8000));
        book.flush(true);
        clock.advance(Duration.ofDays(2));

        AddressBook reopened = open();

        assertThat(reopened.endpointOf("gone")).isEmpty();
        assertThat(reopened.endpointOf("recent")).isPresent();
    }

    @Test
    void aNewEndpointIsWrittenAtTheNextFlushButNewerTimestampsOnlyOnceAMinute() throws Exception {
        AddressBook book = open();
        book.linked("peer", HERE);
        book.flush(false);
        Path file = dir.resolve("me").resolve("address-book.tsv");
        String first = Files.readString(file, StandardCharsets.UTF_8);

        book.accepted("peer", 1_700_000_001.0);
        book.flush(false);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("within the minute").isEqualTo(first);

        clock.advance(Duration.ofSeconds(61));
        book.flush(false);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("1.700000001E9");
    }

    @Test
    void unreadableLinesAndValuesTheLoaderWouldRefuseAreNeitherReadNorWritten() throws Exception {
        Path file = dir.resolve("me").resolve("address-book.tsv");
        Files.createDirectories(file.getParent());
        long seen = NOW.getEpochSecond();
        Files.writeString(file, "# header\n"
                + "good\t10.0.0.1\t8000\t1.0\t" + seen + "\n"
                + "no-port\t10.0.0.1\t0\t1.0\t" + seen + "\n"
                + "short\t10.0.0.1\n"
                + "bad/id\t10.0.0.1\t8000\t1.0\t" + seen + "\n", StandardCharsets.UTF_8);

        AddressBook book = open();
        book.accepted("good", Double.POSITIVE_INFINITY);
        book.linked("zero", new Endpoint("10.0.0.9", 0));

        assertThat(book.entries()).extracting(AddressBook.Entry::nodeId).containsExactly("good");
        assertThat(book.entries().get(0).lastAccepted()).isEqualTo(1.0);
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
