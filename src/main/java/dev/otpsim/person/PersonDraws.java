package dev.otpsim.person;

import dev.otpsim.distribution.RandomStream;
import dev.otpsim.distribution.RandomStream.Purpose;
import java.util.random.RandomGenerator;

/**
 * One person's random streams, one per purpose and keyed by (run seed, person number): the k-th
 * patience of person 17 is the same in every variant of a comparison, so a difference between
 * variants is the policy's, not the dice's (common random numbers).
 *
 * <pre>{@code
 * PersonDraws draws = PersonDraws.of(runSeed, 17);
 * PersonProfile profile = population.draw(draws.profile());
 * Person p = new Person(profile, handset, draws);
 * }</pre>
 *
 * @param profile    which profile of a mix the person is (one draw)
 * @param codeChoice whether they type the newest or the first code (one draw)
 * @param patience   one draw per accepted send
 * @param reaction   one draw per code seen, and per retype after a noticed typo
 * @param typos      three draws per submission, used or not, so a typo never shifts the next
 */
public record PersonDraws(RandomGenerator profile, RandomGenerator codeChoice, RandomGenerator patience,
                          RandomGenerator reaction, RandomGenerator typos) {

    public static PersonDraws of(long runSeed, long person) {
        return new PersonDraws(RandomStream.of(runSeed, person, Purpose.PROFILE),
                RandomStream.of(runSeed, person, Purpose.CODE_CHOICE),
                RandomStream.of(runSeed, person, Purpose.PATIENCE),
                RandomStream.of(runSeed, person, Purpose.REACTION),
                RandomStream.of(runSeed, person, Purpose.TYPO));
    }

    /** Every purpose drawing from one generator, in call order: for tests that script a person. */
    public static PersonDraws sharing(RandomGenerator one) {
        return new PersonDraws(one, one, one, one, one);
    }
}
