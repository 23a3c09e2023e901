package dev.otpsim.cli;

import dev.otpsim.scenario.EngineChoice;
import picocli.CommandLine;

/** {@code --engine virtual|gatling}. */
final class EngineConverter implements CommandLine.ITypeConverter<EngineChoice> {
    @Override
    public EngineChoice convert(String value) {
        EngineChoice e = EngineChoice.byId().get(value);
        if (e == null) {
            throw new CommandLine.TypeConversionException("expected virtual or gatling, got '" + value + "'");
        }
        return e;
    }
}
