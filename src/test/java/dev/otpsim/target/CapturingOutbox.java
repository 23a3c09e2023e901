package dev.otpsim.target;

import dev.otpsim.handset.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@link Outbox} that keeps every message, and reads the code back out of a body like a handset would. */
final class CapturingOutbox implements Outbox {
    record Message(Channel channel, String to, String body) {
        String code() {
            Matcher m = Pattern.compile("code is (\\d+)\\.").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no code in body: " + body);
            }
            return m.group(1);
        }
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    /** While false, the outbox refuses every message, as a full hand-over queue does. */
    volatile boolean taking = true;

    @Override
    public boolean send(Channel channel, String to, String body) {
        if (!taking) {
            return false;
        }
        messages.add(new Message(channel, to, body));
        return true;
    }

    Message last() {
        return messages.get(messages.size() - 1);
    }
}
