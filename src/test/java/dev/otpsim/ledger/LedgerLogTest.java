package dev.otpsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ledger.csv after the run: a carrier still delivering while the engine stops writes nothing and throws nothing. */
class LedgerLogTest {

    @Test
    void eventsAfterCloseAreDroppedWithoutAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.csv");
        LedgerLog log = new LedgerLog(file);
        log.event(10, "issued", "u-1", "sms", "123456", 1L);
        log.close();
        log.event(20, "delivered", "u-1", "sms", "123456", 1L); // "Stream closed" before
        log.flush();
        log.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals("10,issued,u-1,sms,123456,1", lines.get(lines.size() - 1));
        assertEquals(1, lines.stream().filter(l -> l.contains("u-1")).count());
    }
}
