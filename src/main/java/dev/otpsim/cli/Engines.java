package dev.otpsim.cli;

import dev.otpsim.load.GatlingEngine;
import dev.otpsim.run.Engine;
import dev.otpsim.scenario.EngineChoice;
import dev.otpsim.virtual.VirtualEngine;
import java.io.PrintStream;

/** The engine behind a choice, for the commands that run scenarios. */
final class Engines {
    private Engines() {
    }

    static Engine of(EngineChoice choice, PrintStream out) {
        return choice == EngineChoice.VIRTUAL ? new VirtualEngine(out)::run : new GatlingEngine(out)::run;
    }

    /** Why this combination cannot run, or null. */
    static String refusal(dev.otpsim.scenario.Scenario s, EngineChoice engine, int replications) {
        if (engine == EngineChoice.VIRTUAL && s.external() != null) {
            return "--engine virtual runs the embedded reference target only; " + s.file()
                    + " names an external target (target.external), which keeps its own clock: use the gatling engine";
        }
        if (engine == EngineChoice.GATLING && replications > 1) {
            return "--replications needs the virtual engine (each Gatling replication takes real time and its "
                    + "figures depend on the machine); add --engine virtual, or run the Gatling engine once";
        }
        return null;
    }
}
