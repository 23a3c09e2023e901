package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file shipped in scenarios/ validates (scenarios, sweeps and carriers files alike). */
class ShippedScenariosTest {

    static List<Path> shipped() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
            assertFalse(files.isEmpty());
            return files;
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void validates(Path file) {
        assertEquals(Main.OK, Main.execute("validate", file.toString()), file.toString());
    }
}
