package example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TwoNodesTest {

    @Test
    void theFounderReadsWhatTheSensorWrote(@TempDir Path credentials) throws Exception {
        assertEquals("21.5", TwoNodes.run(credentials));
    }
}
