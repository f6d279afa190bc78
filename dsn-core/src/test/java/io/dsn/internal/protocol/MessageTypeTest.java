package io.dsn.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsn.DSNMetrics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void codesAndPathsMatchTheProtocolTable() {
        assertThat(MessageType.HELLO.code()).isEqualTo((byte) 1);
        assertThat(MessageType.PEERS.code()).isEqualTo((byte) 2);
        assertThat(MessageType.UPDATE.code()).isEqualTo((byte) 3);
        assertThat(MessageType.PING.code()).isEqualTo((byte) 4);
        assertThat(MessageType.DATA.code()).isEqualTo((byte) 5);
        assertThat(MessageType.HELLO.path()).isEqualTo("/hello");
        assertThat(MessageType.PEERS.path()).isEqualTo("/peers");
        assertThat(MessageType.UPDATE.path()).isEqualTo("/update");
        assertThat(MessageType.PING.path()).isEqualTo("/ping");
        assertThat(MessageType.DATA.path()).isEqualTo("/data");
    }

    @Test
    void lookupsRoundTrip() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.fromCode(type.code())).contains(type);
            assertThat(MessageType.fromPath(type.path())).contains(type);
        }
    }

    @Test
    void metricsKnowEachTypeByItsOwnName() {
        assertThat(MessageType.values()).extracting(type -> type.metricsTag().name())
                .containsExactly(Arrays.stream(MessageType.values()).map(Enum::name).toArray(String[]::new));
        assertThat(DSNMetrics.Message.values()).hasSameSizeAs(MessageType.values());
    }

    @Test
    void unknownCodesAndPathsAreEmpty() {
        assertThat(MessageType.fromCode(0)).isEmpty();
        assertThat(MessageType.fromCode(8)).isEmpty();
        assertThat(MessageType.fromCode(0xFF)).isEmpty();
        assertThat(MessageType.fromCode(-1)).isEmpty();
        assertThat(MessageType.fromCode(1 + 256)).isEmpty();
        assertThat(MessageType.fromPath("/HELLO")).isEmpty();
        assertThat(MessageType.fromPath("/hello/")).isEmpty();
        assertThat(MessageType.fromPath("hello")).isEmpty();
        assertThat(MessageType.fromPath("")).isEmpty();
    }
}
