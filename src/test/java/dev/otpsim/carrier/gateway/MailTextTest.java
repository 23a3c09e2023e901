package dev.otpsim.carrier.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The readable text of mail as OTP senders produce it. */
class MailTextTest {
    private static final CodeExtractor CODES = new CodeExtractor(Pattern.compile(GatewaySpec.DEFAULT_CODE_PATTERN));

    @Test
    void headersAreDroppedSoTheirDigitsAreNoCode() {
        String mail = "Date: Thu, 26 Nov 2026 11:00:00 +0000\r\nSubject: code\r\n\r\nYour code: 120934\r\n";
        assertEquals("120934", CODES.extract(text(mail)));
    }

    @Test
    void aBodyWithoutHeadersIsReadWhole() {
        assertEquals("Your code is 4455\r\n\r\nThanks\r\n", text("Your code is 4455\r\n\r\nThanks\r\n"));
    }

    @Test
    void multipartAlternativeReadsThePlainTextPartDecoded() {
        String b64 = Base64.getMimeEncoder().encodeToString("Ihr Code lautet 774411 — gültig 10 Minuten"
                .getBytes(StandardCharsets.UTF_8));
        String mail = "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative;\r\n boundary=\"b1_2026_0001\"\r\n"
                + "Date: Thu, 26 Nov 2026 11:00:00 +0000\r\n\r\n"
                + "This is a multi-part message in MIME format. 9999\r\n"
                + "--b1_2026_0001\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p style=\"width:600px\">Code <b>774411</b></p>\r\n"
                + "--b1_2026_0001\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n"
                + "--b1_2026_0001--\r\n";
        String text = text(mail);
        assertTrue(text.contains("gültig"), text);
        assertEquals("774411", CODES.extract(text));
    }

    @Test
    void htmlOnlyMailHasItsTagsStripped() {
        String mail = "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<table width=3D\"6000\"><tr><td>Your code is <b>3141</b></td></tr></table>=\r\n";
        assertEquals("3141", CODES.extract(text(mail)));
    }

    private static String text(String mail) {
        return MailText.of(mail.getBytes(StandardCharsets.ISO_8859_1));
    }
}
