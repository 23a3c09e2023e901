package dev.otpsim.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The codes really issued to one person during their journey, as the carrier gateway saw them:
 * the ground truth a submission is classified against. Not thread-safe: the ledger guards it.
 */
public final class IssuedCodes {

    /** One code value: when it was first issued, and when last (same-code rotation re-issues it). */
    record Issue(String code, long firstIssuedAtMillis, long lastIssuedAtMillis) {
    }

    private final List<Issue> issues = new ArrayList<>(2);

    /** Records that {@code code} was issued at {@code atMillis}. */
    public void issued(String code, long atMillis) {
        for (int i = 0; i < issues.size(); i++) {
            Issue is = issues.get(i);
            if (is.code().equals(code)) {
                issues.set(i, new Issue(code, is.firstIssuedAtMillis(), Math.max(atMillis, is.lastIssuedAtMillis())));
                return;
            }
        }
        issues.add(new Issue(code, atMillis, atMillis));
    }

    /** The issue of {@code code} known at {@code atMillis}, or null when never issued by then. */
    Issue find(String code, long atMillis) {
        for (Issue is : issues) {
            if (is.code().equals(code) && is.firstIssuedAtMillis() <= atMillis) {
                return is;
            }
        }
        return null;
    }

    /** Whether a code other than {@code code} was issued after {@code after} and no later than {@code atMillis}. */
    boolean newerThan(String code, long after, long atMillis) {
        for (Issue is : issues) {
            if (!is.code().equals(code) && is.lastIssuedAtMillis() > after && is.firstIssuedAtMillis() <= atMillis) {
                return true;
            }
        }
        return false;
    }
}
