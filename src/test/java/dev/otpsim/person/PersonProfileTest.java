package dev.otpsim.person;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each {@code withX} changes its own knob and nothing else, so a profile built by name is the one meant. */
class PersonProfileTest {

    @Test
    void eachWithChangesOnlyItsOwnComponent() throws Exception {
        PersonProfile d = PopulationParser.defaults();
        record Change(String component, UnaryOperator<PersonProfile> with) {
        }
        List<Change> changes = List.of(
                new Change("name", p -> p.withName("other")),
                new Change("channel", p -> p.withChannel(Channel.VOICE)),
                new Change("resendWaitMillis", p -> p.withResendWaitMillis(1_234)),
                new Change("patience", p -> p.withPatience(new DurationDistribution.Fixed(2_345))),
                new Change("reaction", p -> p.withReaction(new DurationDistribution.Fixed(3_456))),
                new Change("codeChoice", p -> p.withCodeChoice(new CodeChoice(0.25))),
                new Change("typoRate", p -> p.withTypoRate(0.5)),
                new Change("maxResends", p -> p.withMaxResends(9)),
                new Change("giveUpAfterMillis", p -> p.withGiveUpAfterMillis(4_567)),
                new Change("fallback", p -> p.withFallback(Fallback.legacy(2, Channel.EMAIL))),
                new Change("authenticator", p -> p.withAuthenticator(new AuthenticatorProfile(0.5, ClockSkew.NONE, 0))));
        assertEquals(PersonProfile.class.getRecordComponents().length, changes.size(), "a with for every component");
        for (Change c : changes) {
            PersonProfile changed = c.with().apply(d);
            List<String> differ = new ArrayList<>();
            for (RecordComponent rc : PersonProfile.class.getRecordComponents()) {
                if (!rc.getAccessor().invoke(d).equals(rc.getAccessor().invoke(changed))) {
                    differ.add(rc.getName());
                }
            }
            assertEquals(List.of(c.component()), differ, c.component());
        }
    }
}
